import { attachFile, attachmentData, detachFile } from '../modules/life/attachments.ts';
import { complianceYear } from '../modules/life/compliance.ts';
import { getMeeting, listMeetings, previousMeeting } from '../modules/life/meetings-read.ts';
import { deleteMeeting, saveMeeting } from '../modules/life/meetings-write.ts';
import { rosterOn } from '../modules/life/roster-on.ts';
import { deleteTalk, listTalks, saveTalk } from '../modules/life/talks.ts';
import { parseRollCall } from '../rules/roll-call.ts';
import { defaultRecordTemplates } from '../templates/records.ts';
import type { Handlers, LedgerRef } from './types.ts';

type LifeMethods = Extract<keyof Handlers, `life.${string}` | `talk.${string}` | `compliance.${string}`>;

export function lifeHandlers(ledger: LedgerRef): Pick<Handlers, LifeMethods> {
  return {
    'life.templates': () => [...defaultRecordTemplates.values()],
    'life.list': (input) => listMeetings(ledger(), input),
    'life.get': (input) => getMeeting(ledger(), input.id),
    'life.previous': (input) => previousMeeting(ledger(), input.branchId, input.kind),
    'life.save': (input) => saveMeeting(ledger(), input),
    'life.delete': (input) => deleteMeeting(ledger(), input.id),
    'life.rosterOn': (input) => rosterOn(ledger(), input),
    'life.parseRollCall': (input) =>
      parseRollCall(
        input.text,
        rosterOn(ledger(), { branchId: input.branchId, date: input.date, scope: 'branch' }).map((m) => ({
          memberId: m.memberId,
          name: m.name,
        })),
      ),
    'life.attach': (input) =>
      attachFile(ledger(), {
        meetingId: input.meetingId,
        fileName: input.fileName,
        bytes: Buffer.from(input.dataBase64, 'base64'),
        caption: input.caption,
      }),
    'life.detach': (input) => detachFile(ledger(), input.attachmentId),
    'life.attachmentData': (input) => attachmentData(ledger(), input.attachmentId),
    'talk.list': (input) => listTalks(ledger(), input.branchId, input.year),
    'talk.save': (input) => saveTalk(ledger(), input),
    'talk.delete': (input) => deleteTalk(ledger(), input.id),
    'compliance.year': (input) => complianceYear(ledger(), input.branchId, input.year),
  };
}
