import { cancelPerson, createPerson, developmentBoard, getPerson, recordStep } from '../modules/development/people.ts';
import {
  createElection,
  getElection,
  getTerm,
  listElections,
  recordElectionStep,
  setCandidates,
  setScrutineers,
  setTerm,
} from '../modules/elections/elections.ts';
import { finishElection, recordTally } from '../modules/elections/tally.ts';
import { devStepDefinitions } from '../rules/development-steps.ts';
import { electionStepDefinitions } from '../rules/election-steps.ts';
import type { Handlers, LedgerRef } from './types.ts';

type Methods = Extract<keyof Handlers, `dev.${string}` | `election.${string}` | `term.${string}`>;

export function developmentAndElectionHandlers(ledger: LedgerRef): Pick<Handlers, Methods> {
  return {
    'dev.steps': () => devStepDefinitions(),
    'dev.board': (input) => developmentBoard(ledger(), input.branchId, input.includeClosed),
    'dev.get': (input) => getPerson(ledger(), input.id),
    'dev.create': (input) => createPerson(ledger(), input),
    'dev.recordStep': (input) => recordStep(ledger(), input),
    'dev.cancel': (input) => cancelPerson(ledger(), input.id, input.reason),
    'term.get': (input) => getTerm(ledger(), input.branchId),
    'term.set': (input) => setTerm(ledger(), input),
    'election.steps': () => electionStepDefinitions(),
    'election.list': (input) => listElections(ledger(), input.branchId),
    'election.get': (input) => getElection(ledger(), input.id),
    'election.create': (input) => createElection(ledger(), input),
    'election.recordStep': (input) => recordElectionStep(ledger(), input),
    'election.setCandidates': (input) => setCandidates(ledger(), input),
    'election.setScrutineers': (input) => setScrutineers(ledger(), input),
    'election.tally': (input) => recordTally(ledger(), input),
    'election.finish': (input) => finishElection(ledger(), input),
  };
}
