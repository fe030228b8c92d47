// Runs inside the meeting pack under test (tests/report_browser.rs adds it, after axe-core, to
// a copy of the page; the pack itself runs no scripts). It runs axe-core's checks and measures
// reflow and the size of chart text, and sends what it found as JSON to the page that holds
// the pack in a frame of a given width (headless Chromium's window is never narrower than
// 500 px), which writes it where Chromium's --dump-dom prints it.
(async () => {
  const found = {};
  try {
    const results = await axe.run(document, { resultTypes: ["violations"] });
    found.violations = results.violations.map((v) => ({
      id: v.id,
      help: v.help,
      nodes: v.nodes.slice(0, 5).map((n) => n.target.join(" ") + ": " + n.failureSummary),
    }));
  } catch (error) {
    found.error = String(error);
  }
  const root = document.documentElement;
  found.width = window.innerWidth;
  found.scrollWidth = root.scrollWidth;
  found.clientWidth = root.clientWidth;
  // The smallest chart text as drawn, in CSS pixels: SVG text shrinks with its drawing.
  let smallest = null;
  const note = (size) => { if (smallest === null || size < smallest) smallest = size; };
  for (const text of document.querySelectorAll("svg text")) {
    note(parseFloat(getComputedStyle(text).fontSize) * text.getScreenCTM().a);
  }
  for (const element of document.querySelectorAll(".chart *")) {
    const hasText = [...element.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
    if (hasText && !element.closest("svg")) note(parseFloat(getComputedStyle(element).fontSize));
  }
  found.smallestChartText = smallest;
  window.parent.postMessage(JSON.stringify(found), "*");
})();
