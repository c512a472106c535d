import { describe, expect, it } from 'vitest';
import { entityNames, plural, snakeCase } from './naming';

describe('naming', () => {
  it('turns entity and field names into table, route and column names', () => {
    expect(entityNames({ name: 'BlogPost' })).toMatchObject({
      table: 'blog_posts',
      route: 'blog-posts',
      file: 'blog_post',
      variable: 'blogPost',
      pluralLabel: 'Blog posts',
    });
    expect(snakeCase('dueDate')).toBe('due_date');
    expect(snakeCase('HTTPServer')).toBe('http_server');
  });

  it('pluralises the common English endings', () => {
    expect(['Category', 'Box', 'Match', 'Day', 'Invoice'].map(plural)).toEqual([
      'Categories',
      'Boxes',
      'Matches',
      'Days',
      'Invoices',
    ]);
  });
});
