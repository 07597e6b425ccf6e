<?xml version="1.0" encoding="UTF-8"?>
<!--
  Shows quire's RSS 2.0 and Atom feeds as a readable page when opened in a browser; feed readers
  ignore it. The language (Chinese for zh*, else English) comes from the feed itself. Override it
  with templates/static/feed.xsl (or public/feed.xsl) in your site.
-->
<xsl:stylesheet version="1.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:atom="http://www.w3.org/2005/Atom"
  exclude-result-prefixes="atom">
  <xsl:output method="html" encoding="UTF-8" indent="yes" doctype-system="about:legacy-compat"/>

  <xsl:variable name="lang" select="string((/rss/channel/language | /atom:feed/@xml:lang)[1])"/>
  <xsl:variable name="zh" select="starts-with(translate($lang, 'ZH', 'zh'), 'zh')"/>
  <xsl:variable name="title" select="string((/rss/channel/title | /atom:feed/atom:title)[1])"/>
  <xsl:variable name="description" select="string((/rss/channel/description | /atom:feed/atom:subtitle)[1])"/>
  <xsl:variable name="self" select="string((/rss/channel/atom:link[@rel = 'self']/@href | /atom:feed/atom:link[@rel = 'self']/@href)[1])"/>
  <xsl:variable name="home" select="string((/rss/channel/link | /atom:feed/atom:link[@rel = 'alternate']/@href)[1])"/>
  <xsl:variable name="months" select="'JanFebMarAprMayJunJulAugSepOctNovDec'"/>
  <xsl:variable name="icon" select="string((/rss/channel/image/url | /atom:feed/atom:icon | /atom:feed/atom:logo)[1])"/>

  <xsl:template match="/">
    <html lang="{$lang}">
      <head>
        <meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <meta name="color-scheme" content="light dark"/>
        <meta name="robots" content="noindex"/>
        <title>
          <xsl:value-of select="$title"/>
          <xsl:choose>
            <xsl:when test="$zh"> · 订阅源</xsl:when>
            <xsl:otherwise> · Feed</xsl:otherwise>
          </xsl:choose>
        </title>
        <style>
          :root { color-scheme: light dark; --fg: #1f2328; --muted: #59636e; --bg: #fff; --box: #f6f8fa; --line: #d1d9e0; --link: #0b62c4; }
          @media (prefers-color-scheme: dark) { :root { --fg: #e6edf3; --muted: #9198a1; --bg: #0d1117; --box: #151b23; --line: #3d444d; --link: #4493f8; } }
          html { background: var(--bg); color: var(--fg); }
          body { margin: 0 auto; max-width: 42rem; padding: 2rem 1.25rem 4rem; line-height: 1.75;
            font-family: -apple-system, BlinkMacSystemFont, "Segoe UI", "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", "Noto Sans", Roboto, "Helvetica Neue", Arial, sans-serif;
            overflow-wrap: break-word; word-break: normal; line-break: strict; }
          a { color: var(--link); }
          .badge { display: inline-block; font-size: .8rem; letter-spacing: .04em; color: var(--muted); border: 1px solid var(--line); border-radius: 999px; padding: 0 .6rem; }
          h1 { font-size: 1.75rem; line-height: 1.35; margin: .75rem 0 .25rem; }
          .about { color: var(--muted); margin: 0 0 1.5rem; }
          .subscribe { background: var(--box); border: 1px solid var(--line); border-radius: 8px; padding: 1rem 1.25rem; margin: 1.5rem 0 2rem; }
          .subscribe h2 { font-size: 1.05rem; margin: 0 0 .25rem; }
          .subscribe p { margin: .25rem 0; }
          .url { display: block; margin-top: .5rem; padding: .5rem .75rem; background: var(--bg); border: 1px solid var(--line); border-radius: 6px;
            font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: .9rem; user-select: all; -webkit-user-select: all; overflow-x: auto; white-space: nowrap; }
          h2.recent { font-size: 1.15rem; margin: 2rem 0 .5rem; }
          ol { list-style: none; padding: 0; margin: 0; }
          li { padding: .6rem 0; border-bottom: 1px solid var(--line); }
          li a { font-weight: 600; text-decoration: none; }
          li a:hover { text-decoration: underline; }
          time { display: block; color: var(--muted); font-size: .85rem; font-variant-numeric: tabular-nums; }
          footer { margin-top: 2rem; }
          .head { display: flex; gap: .75rem; align-items: center; }
          .head img { width: 2.5rem; height: 2.5rem; flex: none; }
          .readers { display: flex; flex-wrap: wrap; gap: .5rem; margin: .75rem 0 0; padding: 0; }
          .readers a { display: inline-block; padding: .25rem .75rem; border: 1px solid var(--line); border-radius: 6px; background: var(--bg); font-size: .9rem; text-decoration: none; }
          .summary { margin: .25rem 0 0; color: var(--fg); font-size: .95rem; }
        </style>
      </head>
      <body>
        <main>
          <span class="badge">
            <xsl:choose>
              <xsl:when test="/atom:feed">Atom</xsl:when>
              <xsl:otherwise>RSS</xsl:otherwise>
            </xsl:choose>
          </span>
          <div class="head">
            <img alt="">
              <xsl:attribute name="src">
                <xsl:choose>
                  <xsl:when test="$icon != ''"><xsl:value-of select="$icon"/></xsl:when>
                  <xsl:otherwise><xsl:value-of select="concat($home, 'favicon.svg')"/></xsl:otherwise>
                </xsl:choose>
              </xsl:attribute>
            </img>
            <h1><xsl:value-of select="$title"/></h1>
          </div>
          <xsl:if test="$description != ''">
            <p class="about"><xsl:value-of select="$description"/></p>
          </xsl:if>
          <section class="subscribe">
            <xsl:choose>
              <xsl:when test="$zh">
                <h2>这是一个订阅源（RSS / Atom）</h2>
                <p>把下面的网址复制到你的阅读器（Feedly、Inoreader、NetNewsWire、Fluent Reader……）中即可订阅，有新文章时阅读器会自动获取。</p>
              </xsl:when>
              <xsl:otherwise>
                <h2>This is a web feed (RSS / Atom)</h2>
                <p>Copy this URL into your feed reader (Feedly, Inoreader, NetNewsWire, Fluent Reader…) to subscribe; it will fetch new posts for you.</p>
              </xsl:otherwise>
            </xsl:choose>
            <code class="url"><xsl:value-of select="$self"/></code>
            <!-- Plain links: nothing is fetched until the reader clicks one. -->
            <p class="readers">
              <a href="feed:{$self}">
                <xsl:choose>
                  <xsl:when test="$zh">用默认阅读器打开</xsl:when>
                  <xsl:otherwise>Open in your reader</xsl:otherwise>
                </xsl:choose>
              </a>
              <a href="https://feedly.com/i/subscribe?url={$self}">Feedly</a>
              <a href="https://www.inoreader.com/?add_feed={$self}">Inoreader</a>
              <a href="https://www.newsblur.com/?url={$self}">NewsBlur</a>
            </p>
          </section>
          <h2 class="recent">
            <xsl:choose>
              <xsl:when test="$zh">最近的文章</xsl:when>
              <xsl:otherwise>Recent posts</xsl:otherwise>
            </xsl:choose>
          </h2>
          <ol>
            <xsl:for-each select="/rss/channel/item">
              <li>
                <a href="{link}"><xsl:value-of select="title"/></a>
                <time><xsl:call-template name="rfc822-date"><xsl:with-param name="value" select="pubDate"/></xsl:call-template></time>
                <xsl:call-template name="summary"><xsl:with-param name="html" select="description"/></xsl:call-template>
              </li>
            </xsl:for-each>
            <xsl:for-each select="/atom:feed/atom:entry">
              <li>
                <a href="{atom:link[not(@rel) or @rel = 'alternate']/@href}"><xsl:value-of select="atom:title"/></a>
                <time><xsl:value-of select="substring((atom:published | atom:updated)[1], 1, 10)"/></time>
                <xsl:call-template name="summary"><xsl:with-param name="html" select="(atom:summary | atom:content)[1]"/></xsl:call-template>
              </li>
            </xsl:for-each>
          </ol>
          <footer>
            <a href="{$home}">
              <xsl:choose>
                <xsl:when test="$zh">← 访问网站</xsl:when>
                <xsl:otherwise>← Visit the site</xsl:otherwise>
              </xsl:choose>
            </a>
          </footer>
        </main>
      </body>
    </html>
  </xsl:template>

  <!-- An item's summary: its HTML as text (tags taken out), the first 200 characters. -->
  <xsl:template name="summary">
    <xsl:param name="html"/>
    <xsl:variable name="text"><xsl:call-template name="strip-tags"><xsl:with-param name="html" select="string($html)"/></xsl:call-template></xsl:variable>
    <xsl:variable name="flat" select="normalize-space($text)"/>
    <xsl:if test="$flat != ''">
      <p class="summary">
        <xsl:value-of select="substring($flat, 1, 200)"/>
        <xsl:if test="string-length($flat) &gt; 200">…</xsl:if>
      </p>
    </xsl:if>
  </xsl:template>

  <!-- Text of an HTML string: everything between < and > dropped, a space in its place (at most 600 tags, plenty for 200 characters). -->
  <xsl:template name="strip-tags">
    <xsl:param name="html"/>
    <xsl:param name="budget" select="600"/>
    <xsl:choose>
      <xsl:when test="$budget &lt;= 0"/>
      <xsl:when test="contains($html, '&lt;')">
        <xsl:value-of select="substring-before($html, '&lt;')"/>
        <xsl:text> </xsl:text>
        <xsl:call-template name="strip-tags">
          <xsl:with-param name="html" select="substring-after(substring-after($html, '&lt;'), '&gt;')"/>
          <xsl:with-param name="budget" select="$budget - string-length(substring-before($html, '&lt;')) - 1"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$html"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- "Wed, 09 Jul 2025 06:48:00 +0800" → "2025-07-09" (the date as written, in the site's zone) -->
  <xsl:template name="rfc822-date">
    <xsl:param name="value"/>
    <xsl:variable name="rest" select="normalize-space(substring-after($value, ','))"/>
    <xsl:variable name="day" select="substring-before($rest, ' ')"/>
    <xsl:variable name="month" select="substring(substring-after($rest, ' '), 1, 3)"/>
    <xsl:variable name="year" select="substring(substring-after(substring-after($rest, ' '), ' '), 1, 4)"/>
    <xsl:value-of select="concat($year, '-', format-number(string-length(substring-before($months, $month)) div 3 + 1, '00'), '-', format-number($day, '00'))"/>
  </xsl:template>
</xsl:stylesheet>
