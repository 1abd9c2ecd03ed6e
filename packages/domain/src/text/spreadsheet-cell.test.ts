import { describe, expect, it } from 'vitest';
import { fromSpreadsheetText, spreadsheetCell, spreadsheetText } from './spreadsheet-cell';

describe('spreadsheetText', () => {
  it.each([
    ['=HYPERLINK("http://evil.example","Bấm")', `'=HYPERLINK("http://evil.example","Bấm")`],
    ['+84 912 345 678', "'+84 912 345 678"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1:A2)', "'@SUM(A1:A2)"],
    ['\t=1+1', "'\t=1+1"],
    ['\r=1+1', "'\r=1+1"],
  ])('puts a quote before %j', (input, expected) => {
    expect(spreadsheetText(input)).toBe(expected);
  });

  it.each(['Phường Hạ Long', 'a=b', ' =1', '', "'=already quoted", '1-2'])('leaves %j as it is', (input) => {
    expect(spreadsheetText(input)).toBe(input);
  });
});

describe('spreadsheetCell', () => {
  it('escapes text only: numbers (negative too), booleans and empty cells pass unchanged', () => {
    expect([spreadsheetCell('=1'), spreadsheetCell(-5), spreadsheetCell(true), spreadsheetCell(null), spreadsheetCell(undefined)]).toEqual(["'=1", -5, true, null, undefined]);
  });
});

describe('fromSpreadsheetText', () => {
  it.each(['=HYPERLINK("x")', '-5 là số âm?', 'Phường Hạ Long', "'không phải công thức", '@tên'])('reads %j back as it was written', (value) => {
    expect(fromSpreadsheetText(spreadsheetText(value))).toBe(value);
  });
});
