import type { ThemeConfig } from 'antd';

/** The system CJK fonts of Windows, macOS and Linux office PCs; nothing is fetched from the network. */
export const FONT_STACK =
  '"Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", sans-serif';

/** 党徽红, used sparingly: primary buttons, the active menu item, the title. */
export const PARTY_RED = '#C8161D';

export const theme: ThemeConfig = {
  token: {
    colorPrimary: PARTY_RED,
    colorLink: '#A3141A',
    colorInfo: '#2F5E8E',
    // A light wash for info notes (the derived one from #2F5E8E is a heavy grey-blue).
    colorInfoBg: '#EEF3F9',
    colorInfoBorder: '#C9D8EA',
    fontFamily: FONT_STACK,
    fontSize: 14,
    borderRadius: 4,
    colorBgLayout: '#F3F4F6',
  },
  components: {
    Layout: { headerBg: '#FFFFFF', siderBg: '#FFFFFF', headerHeight: 56, headerPadding: '0 24px' },
    Menu: { itemSelectedBg: '#FBEAEA', itemSelectedColor: PARTY_RED },
    Table: { headerBg: '#F7F7F8' },
  },
};
