
      export type PossibleTypesResultData = {
  "possibleTypes": {
    "Node": [
      "Article",
      "Comment",
      "Meeting",
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
    ]
  }
};
      const result: PossibleTypesResultData = {
  "possibleTypes": {
    "Node": [
      "Article",
      "Comment",
      "Meeting",
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
    ]
  }
};
      export default result;
    