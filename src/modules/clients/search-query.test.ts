import { describe, expect, it } from 'vitest';
import { escapeLike, parseSearchQuery } from './search-query.ts';

const TODAY = '2026-11-27';
const parse = (typed: string) => parseSearchQuery(typed, TODAY);

describe('what "Find a client" understands', () => {
  it('searches for nothing when nothing, or too little, was typed', () => {
    expect(parse('')).toEqual({ kind: 'empty' });
    expect(parse('   \t ')).toEqual({ kind: 'empty' });
    expect(parse('j')).toEqual({ kind: 'too_short' });
    expect(parse('31')).toEqual({ kind: 'too_short' });
    expect(parse('(3')).toEqual({ kind: 'too_short' });
    expect(parse('@')).toEqual({ kind: 'too_short' });
  });

  it('reads a date of birth typed the ISO way or the US way', () => {
    for (const typed of ['1990-03-14', '3/14/1990', '03/14/1990', '3-14-1990', '03.14.1990', ' 3/14/1990 ']) {
      expect(parse(typed), typed).toEqual({ kind: 'birth', date: '1990-03-14' });
    }
  });

  it('places two-digit years in this century up to this year, else the last', () => {
    expect(parse('3/14/90')).toEqual({ kind: 'birth', date: '1990-03-14' });
    expect(parse('3/14/08')).toEqual({ kind: 'birth', date: '2008-03-14' });
    expect(parse('3/14/26')).toEqual({ kind: 'birth', date: '2026-03-14' });
    expect(parse('3/14/27')).toEqual({ kind: 'birth', date: '1927-03-14' });
  });

  it('says so when a date does not exist', () => {
    expect(parse('2/30/1990')).toEqual({ kind: 'bad_date' });
    expect(parse('14/3/1990')).toEqual({ kind: 'bad_date' });
    expect(parse('1990-02-29')).toEqual({ kind: 'bad_date' });
    expect(parse('1899-12-31')).toEqual({ kind: 'bad_date' });
    expect(parse('2/29/2000')).toEqual({ kind: 'birth', date: '2000-02-29' });
  });

  it('takes digits and phone punctuation as a phone fragment', () => {
    expect(parse('(310) 555-01')).toEqual({ kind: 'phone', digits: '31055501', pattern: '%31055501%' });
    expect(parse('555 0123')).toEqual({ kind: 'phone', digits: '5550123', pattern: '%5550123%' });
    expect(parse('+1 310.555.0123')).toEqual({ kind: 'phone', digits: '13105550123', pattern: '%13105550123%' });
    expect(parse('310')).toMatchObject({ kind: 'phone', digits: '310' });
  });

  it('takes anything with an @, or a word only an email has, as an email', () => {
    expect(parse('Jen.Lopez@Gmail.com')).toEqual({ kind: 'email', text: 'jen.lopez@gmail.com', pattern: '%jen.lopez@gmail.com%' });
    expect(parse('@gmail')).toMatchObject({ kind: 'email', text: '@gmail' });
    expect(parse('jen.lopez')).toMatchObject({ kind: 'email', text: 'jen.lopez' });
    expect(parse('jlopez88')).toMatchObject({ kind: 'email', text: 'jlopez88' });
    expect(parse('jen_l')).toEqual({ kind: 'email', text: 'jen_l', pattern: '%jen\\_l%' });
  });

  it('takes words as a name: fuzzy from three letters, and each word as the start of a word of the name', () => {
    expect(parse('Jenifer  Lopes')).toEqual({ kind: 'name', text: 'jenifer lopes', fuzzy: 'jenifer lopes', starts: 'jenifer% lopes%', words: '% jenifer% lopes%' });
    expect(parse('je')).toEqual({ kind: 'name', text: 'je', fuzzy: null, starts: 'je%', words: '% je%' });
    expect(parse("O'Brien")).toMatchObject({ kind: 'name', text: "o'brien", fuzzy: "o'brien" });
    expect(parse('Mary-Kate')).toMatchObject({ kind: 'name', text: 'mary-kate' });
    expect(parse('Zoë')).toMatchObject({ kind: 'name', text: 'zoë' });
    expect(parse('St. John')).toMatchObject({ kind: 'name', starts: 'st.% john%' });
  });

  it('keeps LIKE wildcards typed by the operator literal', () => {
    expect(escapeLike('50%_off\\')).toBe('50\\%\\_off\\\\');
    expect(parse('100% pure')).toMatchObject({ kind: 'name', starts: '100\\%% pure%' });
    expect(parse('a_b c')).toMatchObject({ kind: 'name', starts: 'a\\_b% c%' });
  });

  it('cuts very long input and ignores control characters', () => {
    const long = parse('a'.repeat(500));
    expect(long.kind === 'name' && long.text.length).toBe(100);
    expect(parse('jen\u0000nifer')).toMatchObject({ kind: 'name', text: 'jen nifer' });
  });
});
