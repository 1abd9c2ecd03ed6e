import { describe, expect, it } from 'vitest';
import { shareableUrl } from './share-url';

describe('shareableUrl', () => {
  it('gives a localhost link the origin of the page it is shown on', () => {
    expect(shareableUrl('http://localhost:4000/xac-minh/abc?x=1#q', 'https://thidua.quangninh.gov.vn')).toBe('https://thidua.quangninh.gov.vn/xac-minh/abc?x=1#q');
    expect(shareableUrl('http://127.0.0.1:4000/kich-hoat/u1', 'http://192.168.1.20:4000')).toBe('http://192.168.1.20:4000/kich-hoat/u1');
  });

  it('keeps a link with a real address, a link seen on localhost itself, and text that is not a URL', () => {
    expect(shareableUrl('https://thidua.example.vn/xac-minh/abc', 'https://other.example.vn')).toBe('https://thidua.example.vn/xac-minh/abc');
    expect(shareableUrl('http://localhost:4000/xac-minh/abc', 'http://localhost:5173')).toBe('http://localhost:4000/xac-minh/abc');
    expect(shareableUrl('not a url', 'https://thidua.example.vn')).toBe('not a url');
    expect(shareableUrl('http://localhost:4000/a', null)).toBe('http://localhost:4000/a');
  });
});
