
      export type PossibleTypesResultData = {
  "possibleTypes": {
    "Node": [
      "Article",
      "Comment",
      "Meeting",
      "Organization",
      "Participant",
      "Quote",
      "Region",
      "Tag",
      "User"
    ],
    "SearchResult": [
      "Article",
      "Meeting",
      "Participant"
    ],
    "SyncItem": [
      "Article",
      "Comment",
      "Meeting",
      "Organization",
      "Participant",
      "Region",
      "Tag",
      "Tombstone"
    ]
  }
};
      const result: PossibleTypesResultData = {
  "possibleTypes": {
    "Node": [
      "Article",
      "Comment",
      "Meeting",
      "Organization",
      "Participant",
      "Quote",
      "Region",
      "Tag",
      "User"
    ],
    "SearchResult": [
      "Article",
      "Meeting",
      "Participant"
    ],
    "SyncItem": [
      "Article",
      "Comment",
      "Meeting",
      "Organization",
      "Participant",
      "Region",
      "Tag",
      "Tombstone"
    ]
  }
};
      export default result;
    