import { Tag } from 'antd';
import { KIND_COLORS, type MeetingKind } from '../../api/lifeConstants.ts';

export function KindTag({ kind }: { kind: MeetingKind }) {
  return <Tag color={KIND_COLORS[kind]}>{kind}</Tag>;
}

/** 套会: the other kinds one meeting also counts as. */
export function AlsoCountsTags({ kinds }: { kinds: MeetingKind[] }) {
  if (kinds.length === 0) return null;
  return (
    <Tag variant="outlined" color="default" className="also-tag">
      同时计为 {kinds.join('、')}
    </Tag>
  );
}
