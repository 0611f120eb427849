// Behaviour that templates ask for with data- attributes, so that pages carry no inline script
// (the Content-Security-Policy allows scripts from our own files only).
document.addEventListener("change", function (event) {
  var field = event.target;
  if (field && field.matches && field.matches("[data-autosubmit]") && field.form) {
    field.form.requestSubmit ? field.form.requestSubmit() : field.form.submit();
  }
});
