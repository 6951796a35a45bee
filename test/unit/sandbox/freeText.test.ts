/** The sandbox's freeText matcher: Kaltura's search-index semantics, word by word. */
import { CATEGORY_TEXT_INDEX, ENTRY_TEXT_INDEX, freeTextMatcher, indexedWords } from '../../../sandbox/model/freeText';

const entry = (query: string, ...fields: string[]): boolean => freeTextMatcher(query, ENTRY_TEXT_INDEX)(fields);
const category = (query: string, ...fields: string[]): boolean => freeTextMatcher(query, CATEGORY_TEXT_INDEX)(fields);

describe('words', () => {
	it('match whole words, ignoring case and accents', () => {
		expect(entry('keynote', 'Annual Keynote 2026')).toBe(true);
		expect(entry('KEYNOTE', 'annual keynote')).toBe(true);
		expect(entry('cafe', 'Café opening')).toBe(true);
		expect(entry('key', 'Annual Keynote')).toBe(false);
	});

	it('must all match, each in any searched field', () => {
		expect(entry('annual board', 'Annual keynote', 'board,finance')).toBe(true);
		expect(entry('annual board', 'Annual keynote', 'finance')).toBe(false);
		expect(entry('  annual   annual ', 'Annual keynote')).toBe(true);
	});

	it('end in * to match as a prefix of at least the index minimum', () => {
		expect(entry('key*', 'Annual Keynote')).toBe(true);
		expect(entry('ke*', 'Annual Keynote')).toBe(false);
		expect(entry('ke*', 'ke')).toBe(true);
		expect(category('k*', 'Keynotes')).toBe(true);
	});

	it('split at punctuation, and blended words are found whole and in parts', () => {
		expect(indexedWords('0_abc123', ENTRY_TEXT_INDEX)).toEqual(new Set(['0_abc123', '0', 'abc123']));
		expect(entry('0_abc123', 'x', '0_abc123')).toBe(true);
		expect(entry('abc123', '0_abc123')).toBe(true);
		expect(entry('ref-2026', 'REF-2026-07')).toBe(true);
		expect(entry('report', 'Q3 report.pdf')).toBe(true);
		// In the category index `_` and `.` are part of words, so no parts are indexed apart.
		expect(category('abc', 'x_abc')).toBe(false);
		expect(category('x_abc', 'x_abc')).toBe(true);
	});
});

describe('commas and quotes', () => {
	it('a comma after the first character makes alternatives, any of which may match', () => {
		expect(entry('board,keynote', 'Annual keynote')).toBe(true);
		expect(entry('board, missing', 'Annual keynote')).toBe(false);
		expect(entry('board annual,keynote', 'Annual keynote')).toBe(true);
		expect(entry(',keynote', 'Annual keynote')).toBe(true);
	});

	it('a quoted value must equal a whole field, word for word', () => {
		expect(entry('"annual keynote"', 'Annual Keynote', 'other')).toBe(true);
		expect(entry('"annual keynote"', 'Annual Keynote 2026')).toBe(false);
		expect(entry('"keynote"', 'Annual Keynote')).toBe(false);
	});

	it('a value without words does not restrict anything', () => {
		expect(entry('   ', 'anything')).toBe(true);
		expect(entry('"!!"', 'anything')).toBe(true);
	});
});
