// Draws the page's Mermaid diagrams (<pre class="mermaid"> with their source) with Mermaid,
// served from this site and loaded only on pages that have one, and draws them again in the
// other colours when the reader's colour scheme changes (the system's, or the theme toggle's).
(() => {
  const mermaid = window.mermaid;
  const nodes = [...document.querySelectorAll('.diagram > pre.mermaid')];
  if (!mermaid || nodes.length === 0) return;
  const sources = nodes.map((node) => node.textContent);
  const root = document.documentElement;
  const system = window.matchMedia('(prefers-color-scheme: dark)');
  const dark = () => root.dataset.theme === 'dark' || (root.dataset.theme !== 'light' && system.matches);
  let drawn;
  const draw = () => {
    const theme = dark() ? 'dark' : 'default';
    if (theme === drawn) return;
    drawn = theme;
    nodes.forEach((node, i) => {
      node.removeAttribute('data-processed');
      node.textContent = sources[i];
    });
    // Edge labels on a darker ground than Mermaid's dark theme gives them, for WCAG AA contrast.
    const themeVariables = theme === 'dark' ? { edgeLabelBackground: '#333333' } : {};
    mermaid.initialize({ startOnLoad: false, securityLevel: 'strict', theme, themeVariables, fontFamily: getComputedStyle(document.body).fontFamily });
    mermaid.run({ nodes }).catch((error) => console.warn('diagram:', error));
  };
  draw();
  system.addEventListener('change', draw);
  new MutationObserver(draw).observe(root, { attributes: true, attributeFilter: ['data-theme'] });
})();
