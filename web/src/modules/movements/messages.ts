export const vi = {
  movements: {
    status: {
      DRAFT: 'Bản nháp',
      ACTIVE: 'Đang diễn ra',
      CLOSED: 'Đã kết thúc',
    },
  },
};

export const en: typeof vi = {
  movements: {
    status: {
      DRAFT: 'Draft',
      ACTIVE: 'Active',
      CLOSED: 'Closed',
    },
  },
};
