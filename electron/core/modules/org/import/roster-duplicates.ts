/**
 * Duplicate people in a roster: the same 公民身份号码, or the same name and birth date (when the
 * two do not carry different ID numbers — namesakes born the same day do exist). Checked within
 * the file (the first occurrence stays, later ones are reported) and against members already in
 * the ledger.
 */
import { maskIdNumber } from './id-number.ts';

export interface ExistingMember {
  id: number;
  name: string;
  birthDate: string;
  idNumber: string | null;
}

export interface PersonKey {
  row: number;
  name: string;
  birthDate: string | null;
  /** Valid, normalised ID number, or null. */
  idNumber: string | null;
}

/** Names compare without spaces: "张  三" is padded to line up with three-character names. */
export function nameKey(name: string): string {
  return name.normalize('NFKC').replace(/\s+/g, '');
}

function sameDifferentIds(a: string | null, b: string | null): boolean {
  return a !== null && b !== null && a !== b;
}

export class DuplicateFinder {
  private readonly existingById = new Map<string, ExistingMember>();
  private readonly existingByNameBirth = new Map<string, ExistingMember[]>();
  private readonly fileById = new Map<string, PersonKey>();
  private readonly fileByNameBirth = new Map<string, PersonKey[]>();

  constructor(existing: readonly ExistingMember[]) {
    for (const member of existing) {
      if (member.idNumber) this.existingById.set(member.idNumber.toUpperCase(), member);
      const key = `${nameKey(member.name)}|${member.birthDate}`;
      this.existingByNameBirth.set(key, [...(this.existingByNameBirth.get(key) ?? []), member]);
    }
  }

  /** The duplicate message for this person, or null; then remembers the person for later rows. */
  check(person: PersonKey): string | null {
    const message = this.find(person);
    this.remember(person);
    return message;
  }

  private find(person: PersonKey): string | null {
    const nameBirth = person.birthDate ? `${nameKey(person.name)}|${person.birthDate}` : null;
    if (person.idNumber) {
      const member = this.existingById.get(person.idNumber);
      if (member) {
        return `公民身份号码与台账中已有的党员“${member.name}”（${maskIdNumber(person.idNumber)}）相同，此人可能已登记`;
      }
    }
    if (nameBirth) {
      const member = (this.existingByNameBirth.get(nameBirth) ?? []).find(
        (m) => !sameDifferentIds(m.idNumber?.toUpperCase() ?? null, person.idNumber),
      );
      if (member) {
        return `姓名和出生日期（${member.birthDate}）与台账中已有的党员“${member.name}”相同，此人可能已登记`;
      }
    }
    if (person.idNumber) {
      const earlier = this.fileById.get(person.idNumber);
      if (earlier) return `与第 ${earlier.row} 行的公民身份号码相同，同一人重复填写`;
    }
    if (nameBirth) {
      const earlier = (this.fileByNameBirth.get(nameBirth) ?? []).find(
        (p) => !sameDifferentIds(p.idNumber, person.idNumber),
      );
      if (earlier) return `与第 ${earlier.row} 行的姓名和出生日期相同，同一人可能重复填写`;
    }
    return null;
  }

  private remember(person: PersonKey): void {
    if (person.idNumber && !this.fileById.has(person.idNumber)) this.fileById.set(person.idNumber, person);
    if (person.birthDate) {
      const key = `${nameKey(person.name)}|${person.birthDate}`;
      this.fileByNameBirth.set(key, [...(this.fileByNameBirth.get(key) ?? []), person]);
    }
  }
}
