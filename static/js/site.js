// Progressive enhancement only: every form works without this file.
(function () {
  "use strict";

  function setPressed(button, pressed) {
    button.classList.toggle("is-active", pressed);
    button.setAttribute("aria-pressed", pressed ? "true" : "false");
  }

  function applyComplaintVote(form, data) {
    form.querySelector("[data-vote-count]").textContent = data.count;
    form.querySelector("input[name=value]").value = data.voted ? "0" : "1";
    var button = form.querySelector("button");
    setPressed(button, data.voted);
    button.querySelector(".vote-label").textContent = data.voted ? "Affects me too ✓" : "Affects me too";
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
