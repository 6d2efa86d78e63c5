import type { ReactNode } from 'react';

export interface PlainListItem {
  key: string | number;
  title: ReactNode;
  description?: ReactNode;
  actions?: ReactNode;
}

/** A short, non-virtual list (antd's List is deprecated in v6 and Listy is a virtual list). */
export function PlainList({ items, empty }: { items: PlainListItem[]; empty: ReactNode }) {
  if (items.length === 0) return <div className="plain-list-empty">{empty}</div>;
  return (
    <ul className="plain-list">
      {items.map((item) => (
        <li key={item.key} className="plain-list-item">
          <div className="plain-list-main">
            <div className="plain-list-title">{item.title}</div>
            {item.description ? <div className="plain-list-description">{item.description}</div> : null}
          </div>
          {item.actions ? <div className="plain-list-actions">{item.actions}</div> : null}
        </li>
      ))}
    </ul>
  );
}
