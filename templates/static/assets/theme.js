// The light / dark / system switch. The choice was applied before paint by the inline script in
// <head> (data-theme on <html>); this only shows the button and remembers the next choice.
(() => {
  const root = document.documentElement;
  const button = document.querySelector('.theme-toggle');
  if (!button) return;
  const modes = ['auto', 'light', 'dark'];
  let mode = root.dataset.theme === 'light' || root.dataset.theme === 'dark' ? root.dataset.theme : 'auto';
  const show = () => {
    const label = button.dataset.label.replace('{mode}', button.dataset[mode]);
    button.dataset.mode = mode;
    button.setAttribute('aria-label', label);
    button.title = label;
  };
  button.addEventListener('click', () => {
    mode = modes[(modes.indexOf(mode) + 1) % modes.length];
    if (mode === 'auto') delete root.dataset.theme;
    else root.dataset.theme = mode;
    try {
      if (mode === 'auto') localStorage.removeItem('quire-theme');
      else localStorage.setItem('quire-theme', mode);
    } catch {}
    show();
  });
  show();
  button.hidden = false;
})();
