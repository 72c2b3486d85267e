// Progressive enhancement only: every form works without this file.
(function () {
  "use strict";

  // The interface text in the page's language, from base.html's #interface-text.
  var TEXT = (function () {
    var node = document.getElementById("interface-text");
    try { return JSON.parse(node.textContent); } catch (error) { return {}; }
  })();
  function say(key) { return TEXT[key] || ""; }

  function setPressed(button, pressed) {
    button.classList.toggle("is-active", pressed);
    button.setAttribute("aria-pressed", pressed ? "true" : "false");
  }

  function applyComplaintVote(form, data) {
    form.querySelector("[data-vote-count]").textContent = data.count;
    form.querySelector("input[name=value]").value = data.voted ? "0" : "1";
    var button = form.querySelector("button");
    setPressed(button, data.voted);
    button.querySelector(".vote-label").textContent = say(data.voted ? "affectsMeVoted" : "affectsMe");
  }

  function applyAnswerVote(form, data) {
    var box = form.parentNode;
    box.querySelector("[data-vote-count]").textContent = data.score;
    var forms = box.querySelectorAll("form[data-vote]");
    [1, -1].forEach(function (direction, index) {
      var active = data.value === direction;
      forms[index].querySelector("input[name=value]").value = active ? "0" : String(direction);
      setPressed(forms[index].querySelector("button"), active);
    });
  }

  // Write/Preview tabs on Markdown fields (templates/_macros/forms.html, markdown_field):
  // the preview comes from POST /preview, sanitised by the server as a post would be.
  var tabCount = 0;

  function tabPanel(id, tabId) {
    var panel = document.createElement("div");
    panel.id = id;
    panel.setAttribute("role", "tabpanel");
    panel.setAttribute("aria-labelledby", tabId);
    return panel;
  }

  function tab(label, id, panelId) {
    var button = document.createElement("button");
    button.type = "button";
    button.id = id;
    button.className = "md-tab";
    button.textContent = label;
    button.setAttribute("role", "tab");
    button.setAttribute("aria-controls", panelId);
    return button;
  }

  function loadPreview(box, form, textarea, panel) {
    var data = new FormData();
    var token = form.querySelector("input[name=csrf_token]");
    if (token) data.append("csrf_token", token.value);
    data.append("body", textarea.value);
    panel.setAttribute("aria-busy", "true");
    panel.innerHTML = "";
    var loading = document.createElement("p");
    loading.className = "muted";
    loading.textContent = say("previewLoading");
    panel.appendChild(loading);
    fetch(box.getAttribute("data-endpoint"), {
      method: "POST",
      body: data,
      headers: { Accept: "application/json" },
      credentials: "same-origin"
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (json) {
        if (!response.ok || typeof json.html !== "string") {
          throw new Error(json.error || say("previewFailed"));
        }
        return json.html;
      });
    }).then(function (html) {
      // Sanitised by forum/markup.py, the same as a posted text.
      if (html) {
        panel.innerHTML = html;
      } else {
        panel.innerHTML = "";
        var empty = document.createElement("p");
        empty.className = "muted";
        empty.textContent = say("previewEmpty");
        panel.appendChild(empty);
      }
    }).catch(function (error) {
      panel.innerHTML = "";
      var message = document.createElement("p");
      message.className = "form-alert";
      message.setAttribute("role", "alert");
      message.textContent = error.message;
      panel.appendChild(message);
    }).then(function () {
      panel.removeAttribute("aria-busy");
    });
  }

  function setUpPreview(box) {
    var textarea = box.querySelector("textarea");
    var form = box.closest("form");
    if (!textarea || !form || !window.fetch || !window.FormData) return;
    var base = "md-" + (++tabCount);
    var writeTab = tab(say("write"), base + "-write", base + "-write-panel");
    var previewTab = tab(say("preview"), base + "-preview", base + "-preview-panel");
    var list = document.createElement("div");
    list.className = "md-tabs";
    list.setAttribute("role", "tablist");
    list.setAttribute("aria-label", say("writeOrPreview"));
    list.appendChild(writeTab);
    list.appendChild(previewTab);
    var writePanel = tabPanel(base + "-write-panel", writeTab.id);
    while (box.firstChild) writePanel.appendChild(box.firstChild);
    var previewPanel = tabPanel(base + "-preview-panel", previewTab.id);
    previewPanel.className = "post-body md-preview";
    previewPanel.tabIndex = 0;
    previewPanel.hidden = true;
    box.appendChild(list);
    box.appendChild(writePanel);
    box.appendChild(previewPanel);
    var tabs = [writeTab, previewTab];

    function select(chosen, focus) {
      tabs.forEach(function (item) {
        var on = item === chosen;
        item.setAttribute("aria-selected", on ? "true" : "false");
        item.tabIndex = on ? 0 : -1;
      });
      writePanel.hidden = chosen !== writeTab;
      previewPanel.hidden = chosen !== previewTab;
      if (chosen === previewTab) loadPreview(box, form, textarea, previewPanel);
      if (focus) chosen.focus();
    }

    tabs.forEach(function (item, index) {
      item.addEventListener("click", function () { select(item, false); });
      item.addEventListener("keydown", function (event) {
        var next = null;
        if (event.key === "ArrowRight") next = tabs[(index + 1) % tabs.length];
        else if (event.key === "ArrowLeft") next = tabs[(index + tabs.length - 1) % tabs.length];
        else if (event.key === "Home") next = tabs[0];
        else if (event.key === "End") next = tabs[tabs.length - 1];
        if (next) {
          event.preventDefault();
          select(next, true);
        }
      });
    });
    select(writeTab, false);
    // The tabs do what the Preview button does without JavaScript.
    form.querySelectorAll("[data-preview-button]").forEach(function (button) {
      button.hidden = true;
    });
  }

  document.querySelectorAll("[data-preview]").forEach(setUpPreview);

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.hasAttribute("data-vote") || !window.fetch) return;
    event.preventDefault();
    var button = form.querySelector("button");
    button.disabled = true;
    fetch(form.action, {
      method: "POST",
      body: new FormData(form),
      headers: { Accept: "application/json" },
      credentials: "same-origin"
    }).then(function (response) {
      if (!response.ok) throw new Error("refused");
      return response.json();
    }).then(function (data) {
      if ("count" in data) applyComplaintVote(form, data); else applyAnswerVote(form, data);
      button.disabled = false;
    }).catch(function () {
      form.submit();
    });
  });
})();
