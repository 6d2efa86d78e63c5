import { Button, Result } from 'antd';
import { Component, type ErrorInfo, type ReactNode } from 'react';

interface State {
  error: Error | null;
}

/** A page that fails to render shows a calm message and a way back, never a blank window. */
export class ErrorBoundary extends Component<{ children: ReactNode }, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    // For the developer reading the console; the clerk sees the Result below.
    console.error('render failed', error, info.componentStack);
  }

  override render() {
    if (!this.state.error) return this.props.children;
    return (
      <Result
        status="error"
        title="这个页面出现了意外错误"
        subTitle="台账中的数据没有受到影响。请返回首页重试；如果反复出现，请联系技术支持并告知下面的说明。"
        extra={[
          <Button
            key="home"
            type="primary"
            onClick={() => {
              window.location.hash = '#/';
              this.setState({ error: null });
            }}
          >
            返回首页
          </Button>,
          <Button key="reload" onClick={() => window.location.reload()}>
            重新载入
          </Button>,
        ]}
      >
        <code className="muted">{this.state.error.message}</code>
      </Result>
    );
  }
}
