// The TOC marks the section being read (aria-current="location"): the last heading above the top fifth.
(() => {
  const pairs = [...document.querySelectorAll('.toc a[href^="#"]')].map((a) => [a, document.getElementById(decodeURIComponent(a.hash.slice(1)))]).filter((p) => p[1]);
  let current, queued;
  const update = () => {
    queued = false;
    let active;
    for (const [a, h] of pairs) if (h.getBoundingClientRect().top <= innerHeight / 5) active = a; else break;
    if (active === current) return;
    current?.removeAttribute('aria-current');
    active?.setAttribute('aria-current', 'location');
    current = active;
  };
  if (!pairs.length) return;
  addEventListener('scroll', () => queued || ((queued = true), requestAnimationFrame(update)), { passive: true });
  update();
})();
