import { defineConfig } from 'quire-ssg';

export default defineConfig({
  title: '半瓶水 · Half Full',
  description: '一个后端工程师的中英文技术博客：Go、TypeScript、工具与远程办公。',
  url: 'https://example.org/',
  language: 'zh-CN',
  timezone: 'Asia/Shanghai',
  author: { name: '林小满 (Lin Xiaoman)', email: 'xiaoman@example.org' },
  permalink: '/posts/:slug/',
  paginate: 5,
  summaryLength: 70,
});
