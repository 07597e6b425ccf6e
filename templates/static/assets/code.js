// Copy buttons for code blocks, in the title bar or a bar of their own with the language. The copied
// text is the code only: line numbers and diff signs are CSS, not characters.
(() => {
  const zh = (document.documentElement.lang || '').toLowerCase().startsWith('zh');
  const label = zh ? { copy: '复制', done: '已复制', fail: '复制失败', aria: '复制代码' } : { copy: 'Copy', done: 'Copied', fail: 'Failed', aria: 'Copy code' };
  if (!navigator.clipboard) return;
  for (const block of document.querySelectorAll('figure.code-block')) {
    const code = block.querySelector('pre code');
    if (!code) continue;
    let bar = block.querySelector(':scope > .code-title');
    if (bar) {
      const title = document.createElement('span');
      title.append(...bar.childNodes);
      bar.append(title);
    } else {
      bar = document.createElement('div');
      if (block.dataset.lang) {
        const lang = document.createElement('span');
        lang.className = 'code-lang';
        lang.textContent = block.dataset.lang;
        bar.append(lang);
      }
      block.prepend(bar);
    }
    bar.classList.add('code-bar');
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'code-copy';
    button.textContent = label.copy;
    button.setAttribute('aria-label', label.aria);
    button.addEventListener('click', async () => {
      try {
        await navigator.clipboard.writeText(code.textContent ?? '');
        button.textContent = label.done;
      } catch {
        button.textContent = label.fail;
      }
      setTimeout(() => (button.textContent = label.copy), 1500);
    });
    bar.append(button);
  }
})();
