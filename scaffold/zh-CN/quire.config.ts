import { defineConfig } from 'quire-ssg';

// 所有选项见 quire 文档的配置参考（Configuration）。
export default defineConfig({
  title: '我的博客',
  description: '用 quire 搭建的技术博客。',
  // 网站地址。部署到 GitHub Pages 时，.github/workflows/deploy.yml 会用 --base-url 传入实际地址
  // （例如 https://you.github.io/blog/），这里的值只在本地构建时使用。
  url: 'https://example.org/',
  language: 'zh-CN',
  // 不带时区的日期（date: 2025-07-09 06:48）按这个时区理解，页面上的日期也按它显示。
  timezone: '%%timezone%%',
  // author: { name: '你的名字', email: 'you@example.org' },
  permalink: '/posts/:slug/',
  paginate: 10,
});
