/** What to do with a comment, most pressing first. */
export type Action = "urgent" | "remove" | "review" | "redirect" | "allow";

/** The twelve categories of the house rules (stable ids). */
export type Category =
  | "insult" | "discrimination" | "threat" | "defamation" | "personal-data"
  | "complaint" | "emergency" | "report" | "private-message" | "advertising"
  | "trolling" | "media";

/** One finding. `start`/`end` are UTF-16 offsets: `text.slice(start, end) === excerpt`. */
export interface Finding {
  rule: string;
  category: Category;
  action: Action;
  start: number;
  end: number;
  excerpt: string;
  message: string;
  advice: string;
}

/** The verdict on one comment: the most pressing action and every finding (most pressing first). */
export interface Verdict {
  action: Action;
  findings: Finding[];
}

/** Options for `new Engine(options)`. Every field is optional. */
export interface EngineOptions {
  /** A user rule pack in TOML (see README "Configuration"); adds to or overrides the default pack. */
  pack?: string;
  /** Rule ids (`insult/profanity`) or category ids (`insult`) to switch off. */
  disable?: string[];
  /** Action per rule id or category id, e.g. `{ "trolling": "allow", "advertising/link": "review" }`. */
  actions?: Record<string, Action>;
  /** Extra words to flag (category `insult`, rule `insult/user-words`); `word*` matches a prefix. */
  block?: string[];
  /** Extra words that never count (they cover any bad word inside them). */
  allow?: string[];
}

/** A rule as documented by the engine (for help pages and options pages). */
export interface RuleInfo {
  id: string;
  category: Category;
  title: string;
  /** The house rule it enforces, quoted from the Politie Gent text. */
  houseRule: string;
  action: Action;
  enabled: boolean;
  message: string;
  advice: string;
  /** Standard reply a moderator can post (redirect categories), if any. */
  reply: string | null;
  /** True when an evidence record should be kept (threat, defamation). */
  evidence: boolean;
  /** Empty for the default pack's rules in the module: see www/pkg/examples.json. */
  examples: { flags: string[]; allows: string[] };
}

/** The police's own channels, from the rule pack. */
export interface Contacts {
  urgent: string;
  emergency: string;
  phone: string;
  email: string;
  complaintForm: string;
  commissariaat: string;
  hours: string;
  website: string;
  unia: string;
}

export class Engine {
  /** Throws an `Error` naming the place and the fix when `options` or its pack is invalid. */
  constructor(options?: EngineOptions);
  check(text: string): Verdict;
  checkMany(texts: string[]): Verdict[];
  rules(): RuleInfo[];
  contacts(): Contacts;
  version(): string;
}

/** The engine's version (the crate version). */
export function version(): string;
