// Presentation and question timers on the judge's page: count down, then count the overtime in red.
(function () {
  function format(seconds) {
    var sign = seconds < 0 ? "-" : "";
    var s = Math.abs(seconds);
    return sign + Math.floor(s / 60) + ":" + String(s % 60).padStart(2, "0");
  }
  document.querySelectorAll(".timer").forEach(function (timer) {
    var total = parseInt(timer.dataset.minutes, 10) * 60;
    var left = total, handle = null;
    var output = timer.querySelector("output");
    var toggle = timer.querySelector('[data-action="toggle"]');
    function show() {
      output.textContent = format(left);
      timer.classList.toggle("overtime", left < 0);
    }
    function stop() { clearInterval(handle); handle = null; toggle.textContent = "继续"; timer.classList.remove("running"); }
    toggle.addEventListener("click", function () {
      if (handle) { stop(); return; }
      handle = setInterval(function () { left -= 1; show(); }, 1000);
      toggle.textContent = "暂停";
      timer.classList.add("running");
    });
    timer.querySelector('[data-action="reset"]').addEventListener("click", function () {
      stop(); left = total; toggle.textContent = "开始"; show();
    });
    show();
  });
})();
