// Starts GraphiQL on the endpoints its element names: queries and mutations over
// HTTP, subscriptions over a WebSocket on the same host. A script file rather than an
// inline script, so that the page's policy can allow scripts of this origin only.
(function () {
  "use strict";
  var root = document.getElementById("graphiql");
  var http = new URL(root.dataset.endpoint, window.location.href);
  var socket = new URL(root.dataset.subscriptions, window.location.href);
  socket.protocol = socket.protocol === "https:" ? "wss:" : "ws:";
  var fetcher = GraphiQL.createFetcher({
    url: http.toString(),
    subscriptionUrl: socket.toString(),
    fetch: function (url, options) {
      return window.fetch(url, Object.assign({}, options, { credentials: "same-origin" }));
    },
  });
  ReactDOM.createRoot(root).render(
    React.createElement(GraphiQL, {
      fetcher: fetcher,
      defaultEditorToolsVisibility: true,
    })
  );
})();
