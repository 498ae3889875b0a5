/* Small progressive enhancements; every form works without them. */
(function () {
  "use strict";

  // Registration: an individual entrepreneur (12-digit ИНН) has no КПП, so the field is hidden.
  function setupKpp() {
    var inn = document.getElementById("id_inn");
    var kppField = document.querySelector("[data-field='kpp']");
    var kpp = document.getElementById("id_kpp");
    if (!inn || !kppField || !kpp) return;
    function update() {
      var digits = inn.value.replace(/[\s-]/g, "");
      var individual = digits.length === 12;
      kppField.classList.toggle("hidden", individual);
      if (individual) kpp.value = "";
    }
    inn.addEventListener("input", update);
    update();
  }

  // Connecting a region: the subject's name and capital's time zone follow the code.
  function setupSubjects() {
    var code = document.getElementById("id_code");
    var list = document.getElementById("federal-subjects");
    var name = document.getElementById("id_name");
    var tz = document.getElementById("id_timezone");
    if (!code || !list || !name) return;
    code.addEventListener("input", function () {
      var option = list.querySelector("option[value='" + code.value.trim().replace(/'/g, "") + "']");
      if (!option) return;
      if (!name.value || name.dataset.auto === "1") {
        name.value = option.dataset.name || "";
        name.dataset.auto = "1";
      }
      if (tz && option.dataset.tz) tz.value = option.dataset.tz;
    });
    name.addEventListener("input", function () { name.dataset.auto = "0"; });
  }

  document.addEventListener("DOMContentLoaded", function () {
    setupKpp();
    setupSubjects();
  });
})();
