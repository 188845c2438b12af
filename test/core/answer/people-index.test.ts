import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { holdersNamed, peopleIndex, rolesHolding, type RoleEntry } from '../../../src/core/answer/people-index.ts';
import { roleWords, sameName } from '../../../src/core/annotate/people.ts';
import type { StoredPerson } from '../../../src/core/store/corpus-index.ts';

// People tables of the shape the index holds: a few given and family names crossed, each person with many mentions
// of a few role wordings (someone in the news daily), passages numbered newest first.
const GIVEN = ['Somchai', 'Anan', 'Maria', 'Kim'];
const FAMILY = ['Wong', 'Brekke', 'Kim', 'Lisk'];
const ROLES = ['Prime Minister', 'Thai Prime Minister', 'Defence Minister', 'Los Angeles County Fire Chief', 'Foreign Minister'];

const tables = fc.array(fc.record({
  given: fc.constantFrom(...GIVEN, ''),
  family: fc.constantFrom(...FAMILY),
  roles: fc.array(fc.record({ role: fc.constantFrom(...ROLES), p: fc.nat(400) }), { minLength: 1, maxLength: 12 }),
}), { minLength: 1, maxLength: 25 }).map((rows) => rows.map(({ given, family, roles }): StoredPerson => ({ name: given ? `${given} ${family}` : family, roles })));

/** Every role of a person with a name, as the index would hold it before any list was cut. */
function allHolders(people: StoredPerson[]): Array<{ name: string; role: string; p: number }> {
  return people.flatMap((person) => person.roles.map((role) => ({ name: person.name, role: role.role, p: role.p })));
}

const wording = (held: { name: string; role: string | { role: string } }) => `${held.name}|${roleWords(typeof held.role === 'string' ? held.role : held.role.role).join(' ')}`;

describe('people index', () => {
  it('finds the roles of everyone sameName counts as the name asked, longer, shorter or reordered, one per wording', () => {
    fc.assert(fc.property(tables, fc.constantFrom('Somchai Wong', 'Wong', 'Wong Somchai', 'Kim', 'Kim Kim', 'Maria Lisk', 'Anan'), (people, name) => {
      const found = holdersNamed(peopleIndex(people), name);
      const expected = new Set(allHolders(people).filter((h) => sameName(h.name, name)).map(wording));
      expect(new Set(found.map(wording))).toEqual(expected);
      // one entry a name and wording: a thousand mentions of the same role are read once
      expect(found.length).toBe(expected.size);
    }));
  });

  it('keeps the two newest mentions of each person and role wording by role word, and no older one', () => {
    fc.assert(fc.property(tables, (people) => {
      const index = peopleIndex(people);
      const held = [...new Set([...index.holdersByWord.values()].flat())];
      const byWording = new Map<string, number[]>();
      for (const h of allHolders(people)) byWording.set(wording(h), [...(byWording.get(wording(h)) ?? []), h.p]);
      for (const [key, ps] of byWording) {
        const kept = held.filter((h) => wording(h) === key).map((h) => h.p).sort((a, b) => a - b);
        expect(kept, key).toEqual([...ps].sort((a, b) => a - b).slice(0, 2));
      }
    }));
  });

  it('lists roles holding a word by its initials too ("la" for Los Angeles)', () => {
    const people: StoredPerson[] = [{ name: 'Maria Lisk', roles: [{ role: 'Los Angeles County Fire Chief', p: 3 }] }];
    const index = peopleIndex(people);
    expect(rolesHolding(index, 'la').map((r: RoleEntry) => r.name)).toEqual(['Maria Lisk']);
    expect(rolesHolding(index, 'fire').map((r: RoleEntry) => r.name)).toEqual(['Maria Lisk']);
    expect(rolesHolding(index, 'mayor')).toEqual([]);
  });
});
