/*
 * Warn before leaving a page with unsaved changes.
 *
 * A form is watched when it, or an element around it, has the attribute data-warn-unsaved
 * (around it: for forms whose <form> tag crispy-forms writes). A watched form has unsaved
 * changes when one of its fields differs from what the page was loaded with, or when the
 * page came back from a save that failed, with the text still unsaved: the server then
 * writes data-warn-unsaved="unsaved", or a field is marked invalid.
 *
 * Leaving the page while a watched form has unsaved changes opens the browser's own
 * "leave the page?" dialog: following a link, reloading, closing the tab, and submitting
 * ANOTHER form of the page. Submitting the changed form itself (with any of its buttons)
 * does not warn: that is saving.
 *
 * Loaded from base.html with defer; no inline script (the Content Security Policy allows
 * scripts from the site only). Without JavaScript the pages work, without the warning.
 */
(function () {
  "use strict";

  var MARK = "data-warn-unsaved";
  var submitted = null;

  function watched(form) {
    return form.closest("[" + MARK + "]") !== null;
  }

  // The option a single select starts with: the one marked selected, else the first that
  // is not disabled (what the browser shows).
  function defaultIndex(select) {
    var options = Array.prototype.slice.call(select.options);
    var marked = options.filter(function (option) {
      return option.defaultSelected;
    });
    var enabled = options.filter(function (option) {
      return !option.disabled;
    });
    var start = marked.length ? marked[marked.length - 1] : enabled[0];
    return start ? start.index : -1;
  }

  function fieldChanged(field) {
    var tag = field.tagName;
    if (tag === "SELECT") {
      if (!field.multiple) {
        return field.selectedIndex !== defaultIndex(field);
      }
      return Array.prototype.some.call(field.options, function (option) {
        return option.selected !== option.defaultSelected;
      });
    }
    if (tag === "TEXTAREA") {
      return field.value !== field.defaultValue;
    }
    if (tag === "INPUT") {
      if (field.type === "checkbox" || field.type === "radio") {
        return field.checked !== field.defaultChecked;
      }
      if (field.type === "hidden" || field.type === "submit" || field.type === "button") {
        return false;
      }
      return field.value !== field.defaultValue;
    }
    return false;
  }

  function unsaved(form) {
    var marked = form.closest("[" + MARK + "]");
    if (marked.getAttribute(MARK) === "unsaved" || form.querySelector(".is-invalid")) {
      return true;
    }
    return Array.prototype.some.call(form.elements, fieldChanged);
  }

  // Bubbling to the document: a submit that another script cancelled does not count.
  document.addEventListener("submit", function (event) {
    if (!event.defaultPrevented) {
      submitted = event.target;
    }
  });

  window.addEventListener("beforeunload", function (event) {
    var leaving = submitted;
    // If the person chooses to stay, a later departure is judged afresh.
    submitted = null;
    var lost = Array.prototype.some.call(document.forms, function (form) {
      return form !== leaving && watched(form) && unsaved(form);
    });
    if (lost) {
      event.preventDefault();
      // Older browsers show the dialog only when returnValue is set.
      event.returnValue = "";
    }
  });

  // A page restored from the back-forward cache starts with nothing being submitted.
  window.addEventListener("pageshow", function () {
    submitted = null;
  });
})();
