import { DeleteOutlined, FileOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, Card, Empty, Image, Popconfirm, Skeleton, Tooltip, Upload } from 'antd';
import { useState } from 'react';
import type { AttachmentInfo } from '../../../../electron/api/index.ts';
import { call } from '../../api/client.ts';
import { useQuery } from '../../api/useQuery.ts';
import { useReportError } from '../../components/ApiErrorView.tsx';
import { formatBytes } from '../../components/format.ts';

function readBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = String(reader.result ?? '');
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.onerror = () => reject(reader.error ?? new Error('无法读取文件'));
    reader.readAsDataURL(file);
  });
}

function Thumbnail({ attachment }: { attachment: AttachmentInfo }) {
  const data = useQuery('life.attachmentData', { attachmentId: attachment.id });
  if (data.loading && !data.data) return <Skeleton.Image active className="attachment-thumb" />;
  if (data.error || !data.data) {
    return (
      <Tooltip title={data.error?.message ?? '无法显示'}>
        <div className="attachment-thumb attachment-missing">无法显示</div>
      </Tooltip>
    );
  }
  return (
    <Image
      className="attachment-img"
      width={148}
      height={104}
      alt={attachment.fileName}
      src={`data:${data.data.mime};base64,${data.data.dataBase64}`}
    />
  );
}

/** 附件: photos as thumbnails, other files as a list; stored in the ledger's folder with their hash. */
export function AttachmentsCard({
  meetingId,
  attachments,
  onChanged,
}: {
  meetingId: number;
  attachments: AttachmentInfo[];
  onChanged: () => void;
}) {
  const { message } = App.useApp();
  const reportError = useReportError();
  const [uploading, setUploading] = useState(0);

  const upload = async (file: File) => {
    setUploading((n) => n + 1);
    try {
      const dataBase64 = await readBase64(file);
      const saved = await call('life.attach', { meetingId, fileName: file.name, dataBase64 });
      message.success(`已附加“${saved.fileName}”（${formatBytes(saved.sizeBytes)}）`);
      onChanged();
    } catch (caught) {
      reportError(caught);
    } finally {
      setUploading((n) => n - 1);
    }
  };

  const remove = async (attachment: AttachmentInfo) => {
    try {
      await call('life.detach', { attachmentId: attachment.id });
      message.success(`已移除“${attachment.fileName}”`);
      onChanged();
    } catch (caught) {
      reportError(caught);
    }
  };

  const images = attachments.filter((a) => a.mime.startsWith('image/'));
  const files = attachments.filter((a) => !a.mime.startsWith('image/'));

  return (
    <Card
      size="small"
      title={`附件（${attachments.length}）`}
      className="form-card attachments-card"
      extra={
        <Upload
          multiple
          showUploadList={false}
          accept="image/jpeg,image/png,image/gif,image/webp,.pdf,.pptx,.docx,.xlsx"
          beforeUpload={(file) => {
            void upload(file);
            return false;
          }}
        >
          <Button icon={<UploadOutlined />} loading={uploading > 0}>
            添加照片或文件
          </Button>
        </Upload>
      }
    >
      {attachments.length === 0 ? (
        <Empty
          image={Empty.PRESENTED_IMAGE_SIMPLE}
          description="还没有附件。可添加活动照片、签到表扫描件、课件（JPG、PNG、PDF、PPTX、DOCX、XLSX）。"
        />
      ) : null}
      {images.length > 0 ? (
        <Image.PreviewGroup>
          <div className="attachment-grid">
            {images.map((attachment) => (
              <figure key={attachment.id} className="attachment-item">
                <Thumbnail attachment={attachment} />
                <figcaption>
                  <span className="attachment-name" title={attachment.fileName}>
                    {attachment.fileName}
                  </span>
                  <Popconfirm
                    title={`移除“${attachment.fileName}”？`}
                    okText="移除"
                    cancelText="取消"
                    onConfirm={() => remove(attachment)}
                  >
                    <Button
                      type="text"
                      size="small"
                      icon={<DeleteOutlined />}
                      aria-label={`移除${attachment.fileName}`}
                    />
                  </Popconfirm>
                </figcaption>
              </figure>
            ))}
          </div>
        </Image.PreviewGroup>
      ) : null}
      {files.length > 0 ? (
        <ul className="plain-list attachment-files">
          {files.map((attachment) => (
            <li key={attachment.id} className="plain-list-item">
              <span>
                <FileOutlined /> {attachment.fileName}{' '}
                <span className="muted">{formatBytes(attachment.sizeBytes)}</span>
              </span>
              <Popconfirm
                title={`移除“${attachment.fileName}”？`}
                okText="移除"
                cancelText="取消"
                onConfirm={() => remove(attachment)}
              >
                <Button type="text" size="small" icon={<DeleteOutlined />} aria-label={`移除${attachment.fileName}`} />
              </Popconfirm>
            </li>
          ))}
        </ul>
      ) : null}
    </Card>
  );
}
