// Strings of the application shell. Each feature module keeps its own messages.ts.
export const vi = {
  app: {
    name: 'Thi đua số',
    tagline: 'Phong trào Bình dân học vụ số',
    skipToContent: 'Bỏ qua, đến nội dung chính',
    mainNav: 'Điều hướng chính',
    menu: 'Menu',
    openMenu: 'Mở menu',
    closeMenu: 'Đóng menu',
    homeLink: 'Thi đua số — trang chủ',
    currentMovement: 'Phong trào đang diễn ra',
    movementDates: '{from} – {to}',
    language: 'Ngôn ngữ',
    switchLanguage: 'English',
    switchLanguageLabel: 'Switch to English',
    footerAbout: 'Thi đua số — nền tảng thi đua phong trào “Bình dân học vụ số”.',
    footerData:
      'Dữ liệu đơn vị hành chính 2025: vietnamese-provinces-database © 2021 Thang Le Quoc, vietnamadminunits © 2025 Tran Ngoc Minh Hieu, dvhcvn/20250701 © 2025 dvhcvn — giấy phép MIT.',
    status: {
      offline: 'Không có kết nối mạng. Các trang đã mở trước đây vẫn dùng được; ghi nhận mới được lưu trên máy và tự gửi khi có mạng.',
      lastSeen: 'Không có kết nối mạng — đang hiển thị dữ liệu lúc {time}.',
      lastSeenServerDown: 'Máy chủ tạm thời không trả lời — đang hiển thị dữ liệu lúc {time}.',
      updateReady: 'Có phiên bản mới — tải lại để dùng.',
      reload: 'Tải lại',
    },
  },
  nav: {
    units: 'Đơn vị',
  },
  common: {
    loading: 'Đang tải…',
    retry: 'Thử lại',
    loadMore: 'Xem thêm',
    showMore: 'Xem thêm',
    showLess: 'Thu gọn',
    backHome: 'Về trang chủ',
    notAvailable: 'chưa có số liệu',
    file: {
      choose: 'Chọn tệp…',
      another: 'Chọn tệp khác…',
      none: 'Chưa chọn tệp nào',
    },
  },
  errors: {
    title: 'Không tải được dữ liệu',
    code: 'Mã lỗi: {code}',
    NETWORK: 'Không kết nối được với máy chủ. Vui lòng kiểm tra mạng rồi thử lại.',
    UNKNOWN: 'Đã có lỗi xảy ra. Vui lòng thử lại.',
  },
  notFound: {
    title: 'Không tìm thấy trang',
    body: 'Địa chỉ bạn mở không tồn tại hoặc đã được chuyển đi.',
  },
  forbidden: {
    title: 'Bạn không có quyền xem trang này',
    body: 'Trang này dành cho tài khoản có vai trò khác.',
    bodyRole: 'Trang này không dành cho vai trò {role} của bạn.',
    otherAccount: 'Đăng nhập tài khoản khác',
  },
  dialog: {
    close: 'Đóng',
    cancel: 'Hủy',
    confirm: 'Xác nhận',
  },
};

export const en: typeof vi = {
  app: {
    name: 'Thi đua số',
    tagline: 'The “Bình dân học vụ số” digital-literacy movement',
    skipToContent: 'Skip to main content',
    mainNav: 'Main navigation',
    menu: 'Menu',
    openMenu: 'Open menu',
    closeMenu: 'Close menu',
    homeLink: 'Thi đua số — home',
    currentMovement: 'Current movement',
    movementDates: '{from} – {to}',
    language: 'Language',
    switchLanguage: 'Tiếng Việt',
    switchLanguageLabel: 'Chuyển sang tiếng Việt',
    footerAbout: 'Thi đua số — the competition platform of the “Bình dân học vụ số” movement.',
    footerData:
      'Administrative units 2025: vietnamese-provinces-database © 2021 Thang Le Quoc, vietnamadminunits © 2025 Tran Ngoc Minh Hieu, dvhcvn/20250701 © 2025 dvhcvn — MIT licence.',
    status: {
      offline: 'No connection. Pages opened before still work; new recordings are kept on this device and sent when you are back online.',
      lastSeen: 'No connection — showing data from {time}.',
      lastSeenServerDown: 'The server is not answering for now — showing data from {time}.',
      updateReady: 'A new version is available — reload to use it.',
      reload: 'Reload',
    },
  },
  nav: {
    units: 'Units',
  },
  common: {
    loading: 'Loading…',
    retry: 'Try again',
    loadMore: 'Show more',
    showMore: 'Show more',
    showLess: 'Show less',
    backHome: 'Back to home',
    notAvailable: 'no data',
    file: {
      choose: 'Choose a file…',
      another: 'Choose another file…',
      none: 'No file chosen',
    },
  },
  errors: {
    title: 'Could not load the data',
    code: 'Error code: {code}',
    NETWORK: 'Cannot reach the server. Check your connection and try again.',
    UNKNOWN: 'Something went wrong. Please try again.',
  },
  notFound: {
    title: 'Page not found',
    body: 'The address you opened does not exist or has moved.',
  },
  forbidden: {
    title: 'You cannot open this page',
    body: 'This page is for accounts with another role.',
    bodyRole: 'This page is not available to your role ({role}).',
    otherAccount: 'Sign in with another account',
  },
  dialog: {
    close: 'Close',
    cancel: 'Cancel',
    confirm: 'Confirm',
  },
};
