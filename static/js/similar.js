// Similar complaints while the title is typed, on the new-complaint form only.
// Progressive: without this file the server shows the same suggestions after the first
// submit. Text from the server is inserted with textContent, never as HTML.
// Asked once: while suggestions for the current title are on screen, the hidden field
// similar_seen=1 goes with the form and the server posts without asking again.
(function () {
  "use strict";

  // The interface text in the page's language, from base.html's #interface-text.
  var TEXT = (function () {
    var node = document.getElementById("interface-text");
    try { return JSON.parse(node.textContent); } catch (error) { return {}; }
  })();
  function say(key) { return TEXT[key] || ""; }

  var box = document.querySelector("[data-similar]");
  var title = document.getElementById("title");
  var form = document.getElementById("complaint-form");
  if (!box || !title || !form || !window.fetch) return;
  var body = document.getElementById("body");
  var category = document.getElementById("category");
  var BODY_CHARS = 500;

  var seen = document.createElement("input");
  seen.type = "hidden";
  seen.name = "similar_seen";
  seen.value = "";
  form.appendChild(seen);

  var timer = null;
  var last = "";
  var pending = null;

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  function solvedItForm(item) {
    var token = form.querySelector("input[name=csrf_token]");
    var post = element("form", "inline-form");
    post.method = "post";
    post.action = item.solved_it_url;
    if (token) {
      var hidden = element("input");
      hidden.type = "hidden";
      hidden.name = "csrf_token";
      hidden.value = token.value;
      post.appendChild(hidden);
    }
    var button = element("button", "button button-small", say("solvedIt"));
    button.type = "submit";
    post.appendChild(button);
    return post;
  }

  function render(results) {
    box.textContent = "";
    seen.value = results.length ? "1" : "";
    if (!results.length) return;
    box.appendChild(element("h2", null, say("similarHeading")));
    var list = element("ul", "similar-list");
    results.forEach(function (item) {
      var li = element("li", "similar-item");
      var link = element("a", null, item.title);
      link.href = item.url;
      li.appendChild(link);
      if (item.solved) li.appendChild(element("span", "badge badge-solved", "✓ Solved"));
      if (item.official) li.appendChild(element("span", "badge badge-official", say("officialAnswer")));
      li.appendChild(solvedItForm(item));
      list.appendChild(li);
    });
    box.appendChild(list);
    box.appendChild(element("p", "muted small", say("notYourProblem")));
  }

  function lookUp() {
    var text = title.value.trim();
    var params = "?q=" + encodeURIComponent(text);
    if (category && category.value) params += "&category=" + encodeURIComponent(category.value);
    if (body && body.value.trim()) {
      params += "&body=" + encodeURIComponent(body.value.trim().slice(0, BODY_CHARS));
    }
    if (params === last) return;
    last = params;
    if (text.length < 4) { render([]); return; }
    if (pending && pending.abort) pending.abort();
    pending = window.AbortController ? new AbortController() : null;
    var url = box.getAttribute("data-endpoint") + params;
    fetch(url, {
      headers: { Accept: "application/json" },
      credentials: "same-origin",
      signal: pending ? pending.signal : undefined
    }).then(function (response) {
      if (!response.ok) throw new Error("refused");
      return response.json();
    }).then(function (data) {
      render(data.results || []);
    }).catch(function () { /* suggestions are optional */ });
  }

  function later() {
    clearTimeout(timer);
    timer = setTimeout(lookUp, 350);
  }

  title.addEventListener("input", later);
  if (category) category.addEventListener("change", later);
  // The text is read when the title changes or the body is left, not at every key.
  if (body) body.addEventListener("change", later);
})();
