import { COMMITTEE_POSTS, ON_ROLL_STATUSES } from '../../../api/org.ts';
import { sql } from '../../db/sql.ts';

/** `status IN ${ON_ROLL_SQL}`: the member is on the branch's roll under that status interval. */
export const ON_ROLL_SQL = sql.in(ON_ROLL_STATUSES);

/** `post IN ${COMMITTEE_POSTS_SQL}`: a post of the 支部委员会. */
export const COMMITTEE_POSTS_SQL = sql.in(COMMITTEE_POSTS);
