/**
 * Kaltura's `freeText` filter, as its search index runs it (SphinxCriteria::
 * addFreeTextToMatchClauseByMatchFields over entryFilter / categoryFilter FREE_TEXT_FIELDS),
 * approximated without a search engine:
 *
 * - `"two words"` (the whole value in double quotes): some searched field equals the phrase,
 *   word for word (Kaltura anchors the phrase at the field's start and end);
 * - a comma after the first character: comma-separated alternatives, any one may match;
 * - otherwise: space-separated words, every one must match.
 *
 * A word matches when one of the searched fields holds it as a whole word, ignoring case and
 * accents; different words may match in different fields. `word*` matches words that start
 * with it (Sphinx's star syntax), as long as the prefix is at least the index's minimum prefix
 * length; a shorter one matches the whole word only. Text is cut into words the way the index's
 * charset does: letters and digits (plus a few index-specific characters) form words, and
 * "blend" characters such as `-` or `_` join parts that are indexed both whole and apart, so
 * `0_abc123` and `abc123` both find the entry id `0_abc123`.
 */

export interface TextIndexRules {
	/** Characters that belong to words besides letters and digits (Sphinx charset_table). */
	wordChars: string;
	/** Sphinx blend_chars: a word containing them is indexed whole and in its parts. */
	blendChars: string;
	/** Sphinx min_prefix_len: shortest prefix a `word*` search expands. */
	minPrefixLength: number;
}

/** kaltura_entry's index settings (configurations/sphinx/kaltura.conf.template). */
export const ENTRY_TEXT_INDEX: TextIndexRules = {
	wordChars: '',
	blendChars: "!$'()*-/:;<=#[\\]^`{|}~%&+>?@_",
	minPrefixLength: 3,
};

/** kaltura_category's: `_ % & ? @ + . >` are word characters there, and any prefix expands. */
export const CATEGORY_TEXT_INDEX: TextIndexRules = {
	wordChars: '_%&?@+.>',
	blendChars: "!$'()*-/:;<=#[\\]^`{|}~",
	minPrefixLength: 1,
};

/** One search word: its parts must all be indexed, or the whole of it (when it was blended). */
interface Keyword {
	whole: string;
	parts: string[];
	prefix: boolean;
}

type Condition = Keyword[];

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/** Lower case without accents; full-width forms folded (NFKD), as the index's charset table does. */
export function foldText(text: string): string {
	return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

/** Runs of word and blend characters; everything else separates words. */
function chunks(text: string, rules: TextIndexRules): string[] {
	const out: string[] = [];
	let current = '';
	for (const ch of foldText(text)) {
		if (LETTER_OR_DIGIT.test(ch) || rules.wordChars.includes(ch) || rules.blendChars.includes(ch)) {
			current += ch;
		} else if (current !== '') {
			out.push(current);
			current = '';
		}
	}
	if (current !== '') out.push(current);
	return out;
}

function splitBlended(chunk: string, rules: TextIndexRules): string[] {
	const parts: string[] = [];
	let current = '';
	for (const ch of chunk) {
		if (rules.blendChars.includes(ch)) {
			if (current !== '') parts.push(current);
			current = '';
		} else {
			current += ch;
		}
	}
	if (current !== '') parts.push(current);
	return parts;
}

/** The words a field's text is indexed under: each chunk whole, and the parts between its blend characters. */
export function indexedWords(text: string, rules: TextIndexRules): Set<string> {
	const words = new Set<string>();
	for (const chunk of chunks(text, rules)) {
		const parts = splitBlended(chunk, rules);
		if (parts.length === 0) continue;
		words.add(chunk);
		for (const part of parts) words.add(part);
	}
	return words;
}

/** The words of a field in order, for phrase comparison. */
function wordSequence(text: string, rules: TextIndexRules): string[] {
	return chunks(text, rules).filter((c) => splitBlended(c, rules).length > 0);
}

function keywordsOf(text: string, rules: TextIndexRules): Condition {
	const keywords: Condition = [];
	for (const word of text.split(/\s+/)) {
		const prefix = word.endsWith('*');
		const found = chunks(word.replace(/^\*+|\*+$/g, ''), rules);
		found.forEach((chunk, i) => {
			const parts = splitBlended(chunk, rules);
			if (parts.length === 0) return;
			keywords.push({ whole: chunk, parts, prefix: prefix && i === found.length - 1 });
		});
	}
	return keywords;
}

function hasWord(words: Set<string>, word: string, prefix: boolean, rules: TextIndexRules): boolean {
	if (words.has(word)) return true;
	if (!prefix || word.length < rules.minPrefixLength) return false;
	for (const w of words) if (w.startsWith(word)) return true;
	return false;
}

function keywordMatches(k: Keyword, words: Set<string>, rules: TextIndexRules): boolean {
	if (hasWord(words, k.whole, k.prefix, rules)) return true;
	if (k.parts.length === 1) return false;
	return k.parts.every((part, i) => hasWord(words, part, k.prefix && i === k.parts.length - 1, rules));
}

/**
 * Compiles a freeText value into a predicate over the texts of an object's searched fields
 * (null and empty fields are fine). A value without any word in it matches everything.
 */
export function freeTextMatcher(freeText: string, rules: TextIndexRules): (fields: ReadonlyArray<string>) => boolean {
	const phrase = /^"([^"]+)"$/.exec(freeText);
	if (phrase) {
		const wanted = wordSequence(phrase[1], rules).join(' ');
		if (wanted === '') return () => true;
		return (fields) => fields.some((f) => wordSequence(f, rules).join(' ') === wanted);
	}
	// Kaltura only switches to alternatives for a comma after the first character.
	const alternatives = freeText.indexOf(',') > 0 ? freeText.split(',') : [freeText];
	const conditions = alternatives.map((a) => keywordsOf(a, rules)).filter((c) => c.length > 0);
	if (conditions.length === 0) return () => true;
	return (fields) => {
		const words = new Set<string>();
		for (const f of fields) for (const w of indexedWords(f, rules)) words.add(w);
		return conditions.some((condition) => condition.every((k) => keywordMatches(k, words, rules)));
	};
}
