// Focus the element the address's fragment names, e.g. /moten/7/hantera/#item-12-up after
// pressing "Up": the keyboard stays on the same button instead of starting again at the top
// of the page. Without JavaScript the browser still scrolls to the element.
(function () {
  "use strict";
  var target = null;
  try {
    target = document.getElementById(decodeURIComponent(window.location.hash.slice(1)));
  } catch (error) {
    return; // a malformed fragment names nothing
  }
  if (target && typeof target.focus === "function") {
    target.focus();
  }
})();
