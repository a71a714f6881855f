// The similarity HTML fragment: one section, a table per exercise, side-by-side regions, everything a student wrote escaped.
import { describe, expect, it } from 'vitest';
import { compareSubmissions, type SimilarityReport } from '../../../grader/similarity/index.js';
import { renderSimilarityHtml } from '../../../grader/similarity/html.js';
import { fixture, starterOf } from './helpers.js';

const escapeHtml = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

function report(): SimilarityReport {
  const orig = fixture('p3--correct');
  const copy = fixture('p3--copy-commented');
  return compareSubmissions([
    // A hostile student id and code with markup in it: both must come out as text.
    {
      exercise: 'p3',
      starter: starterOf('p3'),
      sources: [
        { ...orig, student: '<img src=x onerror=alert(1)>' },
        {
          ...copy,
          text: copy.text.replace(
            'const g0 = grad.arraySync();',
            'const g0 = grad.arraySync(); // </pre><script>alert(2)</script>',
          ),
        },
      ],
    },
    { exercise: 'p1', starter: starterOf('p1'), sources: [fixture('p1--correct'), fixture('p1--correct-eli')] },
  ]);
}

describe('renderSimilarityHtml', () => {
  const html = renderSimilarityHtml(report(), escapeHtml);

  it('is one <section id="_similarity"> with no script and no style of its own', () => {
    expect(html.startsWith('<section id="_similarity">')).toBe(true);
    expect(html.endsWith('</section>')).toBe(true);
    expect(html).not.toMatch(/<script|<style|<[^>]*\son\w+=/i);
  });

  it('escapes student ids and code', () => {
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).not.toContain('<img');
    expect(html).toContain('// &lt;/pre&gt;&lt;script&gt;alert(2)&lt;/script&gt;');
  });

  it('shows the flagged pair in a table and its regions side by side, with line numbers', () => {
    expect(html).toContain('<h3>p3</h3><table>');
    expect(html).toMatch(/<td class="sim-pct sim-high">100%<\/td>/);
    expect(html).toContain('<div class="sim-side">');
    expect(html).toMatch(/<span class="sim-lines"> {2}\d+<\/span> +return tf\.tidy\(\(\) =&gt; \{/);
    expect(html).toContain('r.map((v, i) =&gt; v + jr[i]);');
  });

  it('says so when an exercise has no similar pair', () => {
    expect(html).toContain('<h3>p1</h3><p class="sim-note">No pair of the 2 submissions reaches 50%.</p>');
  });

  it('is deterministic', () => {
    expect(renderSimilarityHtml(report(), escapeHtml)).toBe(html);
  });
});
