<?xml version="1.0" encoding="utf-8"?>
<!-- How a browser shows our RSS and Atom feeds to a person: a readable page that says what a
     feed is and how to subscribe. Feed readers ignore it and read the same bytes. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:atom="http://www.w3.org/2005/Atom" exclude-result-prefixes="atom">
  <xsl:output method="html" encoding="utf-8" doctype-system="about:legacy-compat"/>
  <xsl:variable name="title" select="/rss/channel/title | /atom:feed/atom:title"/>
  <xsl:variable name="home" select="/rss/channel/link | /atom:feed/atom:link[@rel='alternate']/@href"/>
  <xsl:template match="/">
    <html lang="en">
      <head>
        <meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <title><xsl:value-of select="$title"/> (feed)</title>
        <style>
          body { margin: 0 auto; max-width: 44rem; padding: 1rem; color: #1a1a1a;
            font: 1rem/1.55 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; }
          h1, h2 { font-family: Georgia, "Times New Roman", serif; line-height: 1.2; }
          .about { background: #f6f4f1; border-left: 4px solid #8a1c1c; padding: .5rem 1rem; }
          code { overflow-wrap: anywhere; }
          ol { list-style: none; padding: 0; }
          li { border-bottom: 1px solid #d8d8d8; padding: .75rem 0; }
          h2 { font-size: 1.1rem; margin: 0; }
          .when { color: #555; font-size: .875rem; margin: .25rem 0 0; }
        </style>
      </head>
      <body>
        <main>
          <h1><xsl:value-of select="$title"/></h1>
          <section class="about" aria-labelledby="about-title">
            <h2 id="about-title">This is a news feed</h2>
            <p>Subscribe by copying this page's address into a feed reader: it will show
              new articles as they are published. The latest are listed below;
              <a href="{$home}">go to the site</a> to read them with everything else.</p>
          </section>
          <ol>
            <xsl:for-each select="/rss/channel/item | /atom:feed/atom:entry">
              <li>
                <h2><a href="{link | atom:link[@rel='alternate']/@href}">
                  <xsl:value-of select="title | atom:title"/></a></h2>
                <p class="when"><xsl:value-of select="pubDate | atom:published"/></p>
              </li>
            </xsl:for-each>
          </ol>
        </main>
      </body>
    </html>
  </xsl:template>
</xsl:stylesheet>
