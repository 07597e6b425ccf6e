/** What `buildFeed` takes: plain data, independent of where the entries came from. */

export interface FeedPerson {
  /** Plain text. */
  readonly name: string;
  readonly email?: string | undefined;
  readonly url?: string | undefined;
}

export interface FeedEnclosure {
  readonly url: string;
  /** MIME type, e.g. `image/png`. */
  readonly type: string;
  /** Size in bytes, when known. */
  readonly length?: number | undefined;
  /** Plain text. */
  readonly title?: string | undefined;
}

export interface FeedChannel {
  /** Plain text. */
  readonly title: string;
  /** Plain text. */
  readonly description: string;
  /** Absolute URL of the HTML page the feed stands for; other URLs are resolved against it. */
  readonly homePageUrl: string;
  /** Where each format of this feed is published (its self link). */
  readonly feedUrls: { readonly rss: string; readonly atom: string; readonly json: string };
  /** BCP 47 tag. */
  readonly language: string;
  /** The feed's author; also each item's unless the item names its own. */
  readonly author?: FeedPerson | undefined;
  /** A small square icon (the site's favicon). */
  readonly iconUrl?: string | undefined;
  /** An XSL stylesheet for browsers, linked from the RSS and Atom files. */
  readonly stylesheetHref?: string | undefined;
  /** Plain text, e.g. `quire`. */
  readonly generator: string;
  /** IANA zone whose offset the dates are written with (the instants are the same); default UTC. */
  readonly timezone?: string | undefined;
  /** When anything in the feed last changed; defaults to the newest item date. */
  readonly updated?: Date | undefined;
}

export interface FeedItem {
  /** Stable id: an absolute URI that never changes for this item. */
  readonly id: string;
  readonly url: string;
  /** Plain text, shown as is (never parsed as HTML). */
  readonly title: string;
  readonly published: Date;
  readonly updated?: Date | undefined;
  /** The full text as HTML, with absolute URLs. Left out, the feed carries only the summary. */
  readonly contentHtml?: string | undefined;
  /** A short form as HTML, with absolute URLs. */
  readonly summaryHtml?: string | undefined;
  /** A short form as plain text (JSON Feed `summary`). */
  readonly summaryText?: string | undefined;
  /** Plain text. */
  readonly tags: readonly string[];
  /** Categories as `编程/Go` paths (RSS 2.0's hierarchic form) in the taxonomy `scheme` (an absolute URL). */
  readonly categories?: ReadonlyArray<{ readonly path: string; readonly scheme: string }> | undefined;
  readonly image?: FeedEnclosure | undefined;
  /** BCP 47 tag, when it differs from the feed's. */
  readonly language?: string | undefined;
  /** Defaults to the channel's author. */
  readonly authors?: readonly FeedPerson[] | undefined;
}

export interface BuiltFeed {
  readonly rss: string;
  readonly atom: string;
  readonly json: string;
}
