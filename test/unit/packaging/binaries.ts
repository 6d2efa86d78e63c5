/**
 * Minimal native binaries for the packaging tests: just the headers build/after-pack.cjs reads
 * (format, CPU, glibc symbol versions) and the strings it looks for (node_register_module_vNNN).
 */

export const ELF_X64 = 0x3e;
export const ELF_ARM64 = 0xb7;
export const PE_X64 = 0x8664;
export const PE_ARM64 = 0xaa64;
export const MACHO_X64 = 0x01000007;
export const MACHO_ARM64 = 0x0100000c;

/** An ELF64 little-endian shared object with .dynstr and .gnu.version_r (libc.so.6 → GLIBC_<v> …). */
export function elf(options: { machine: number; glibc?: string[]; strings?: string[] }): Buffer {
  const glibc = options.glibc ?? [];
  const names = ['', 'libc.so.6', ...glibc.map((v) => `GLIBC_${v}`), ...(options.strings ?? [])];
  const offsets = new Map<string, number>();
  let cursor = 0;
  for (const name of names) {
    offsets.set(name, cursor);
    cursor += Buffer.byteLength(name, 'latin1') + 1;
  }
  const dynstr = Buffer.from(`${names.join('\0')}\0`, 'latin1');

  const verneed = Buffer.alloc(glibc.length === 0 ? 0 : 16 + 16 * glibc.length);
  if (glibc.length > 0) {
    verneed.writeUInt16LE(1, 0); // vn_version
    verneed.writeUInt16LE(glibc.length, 2); // vn_cnt
    verneed.writeUInt32LE(offsets.get('libc.so.6') ?? 0, 4); // vn_file
    verneed.writeUInt32LE(16, 8); // vn_aux
    verneed.writeUInt32LE(0, 12); // vn_next
    glibc.forEach((version, i) => {
      const at = 16 + 16 * i;
      verneed.writeUInt16LE(2 + i, at + 6); // vna_other
      verneed.writeUInt32LE(offsets.get(`GLIBC_${version}`) ?? 0, at + 8); // vna_name
      verneed.writeUInt32LE(i === glibc.length - 1 ? 0 : 16, at + 12); // vna_next
    });
  }

  const header = Buffer.alloc(64);
  const dynstrAt = header.length;
  const verneedAt = dynstrAt + dynstr.length;
  const sectionsAt = verneedAt + verneed.length;
  const sections = Buffer.alloc(64 * 3); // null, .dynstr, .gnu.version_r
  const section = (i: number, type: number, offset: number, size: number, link: number, info: number) => {
    const at = 64 * i;
    sections.writeUInt32LE(type, at + 4);
    sections.writeBigUInt64LE(BigInt(offset), at + 0x18);
    sections.writeBigUInt64LE(BigInt(size), at + 0x20);
    sections.writeUInt32LE(link, at + 0x28);
    sections.writeUInt32LE(info, at + 0x2c);
  };
  section(1, 3, dynstrAt, dynstr.length, 0, 0); // SHT_STRTAB
  section(2, 0x6ffffffe, verneedAt, verneed.length, 1, glibc.length === 0 ? 0 : 1); // SHT_GNU_verneed

  header.writeUInt32BE(0x7f454c46, 0);
  header[4] = 2; // ELFCLASS64
  header[5] = 1; // little-endian
  header[6] = 1;
  header.writeUInt16LE(3, 16); // ET_DYN
  header.writeUInt16LE(options.machine, 18);
  header.writeUInt32LE(1, 20);
  header.writeBigUInt64LE(BigInt(sectionsAt), 0x28);
  header.writeUInt16LE(64, 0x34);
  header.writeUInt16LE(64, 0x3a);
  header.writeUInt16LE(3, 0x3c);
  return Buffer.concat([header, dynstr, verneed, sections]);
}

/** A PE image header followed by the given strings (as an export table would hold them). */
export function pe(options: { machine: number; strings?: string[] }): Buffer {
  const header = Buffer.alloc(0x100);
  header.write('MZ', 0, 'latin1');
  header.writeUInt32LE(0x80, 0x3c);
  header.writeUInt32BE(0x50450000, 0x80);
  header.writeUInt16LE(options.machine, 0x84);
  return Buffer.concat([header, Buffer.from(`${(options.strings ?? []).join('\0')}\0`, 'latin1')]);
}

/** A thin 64-bit Mach-O header followed by the given strings (its symbol names). */
export function macho(options: { cpu: number; strings?: string[] }): Buffer {
  const header = Buffer.alloc(32);
  header.writeUInt32LE(0xfeedfacf, 0);
  header.writeUInt32LE(options.cpu, 4);
  return Buffer.concat([header, Buffer.from(`${(options.strings ?? []).map((s) => `_${s}`).join('\0')}\0`, 'latin1')]);
}

/** A universal (fat) Mach-O header naming the given CPUs. */
export function fatMacho(cpus: number[]): Buffer {
  const header = Buffer.alloc(8 + 20 * cpus.length);
  header.writeUInt32BE(0xcafebabe, 0);
  header.writeUInt32BE(cpus.length, 4);
  cpus.forEach((cpu, i) => {
    header.writeUInt32BE(cpu, 8 + 20 * i);
  });
  return header;
}
