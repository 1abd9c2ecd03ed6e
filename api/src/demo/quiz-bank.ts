import type { TopicCode } from '@thidua/domain';

/**
 * The first questions of the Vietnamese question bank, for the core quiz of the demo movement
 * ("Kiểm tra kỹ năng số cơ bản"). The full bank comes later; it keeps this shape. Each question
 * has a stable `code` (its demo id is derived from it) and exactly one correct option.
 */
export interface BankQuestion {
  code: string;
  topic: TopicCode;
  text: string;
  options: { text: string; correct?: true }[];
  explanation: string;
}

export const CORE_QUIZ = {
  code: 'CORE',
  title: 'Kiểm tra kỹ năng số cơ bản',
  topics: ['VNEID', 'PUBLIC_SERVICES', 'CYBER_SAFETY', 'CASHLESS'] as TopicCode[],
  questionCount: 10,
  passScore: 70,
};

export const QUIZ_BANK: readonly BankQuestion[] = [
  {
    code: 'VNEID-01',
    topic: 'VNEID',
    text: 'Để có tài khoản định danh điện tử mức độ 2 trên ứng dụng VNeID, người dân cần làm gì?',
    options: [
      { text: 'Đến cơ quan Công an (Công an xã, phường hoặc nơi làm căn cước) để được thu nhận ảnh chân dung, vân tay và đăng ký', correct: true },
      { text: 'Tự đăng ký tại nhà chỉ bằng số điện thoại, không cần xác thực' },
      { text: 'Mua tài khoản tại cửa hàng điện thoại di động' },
      { text: 'Nhắn tin số căn cước đến một tổng đài bất kỳ' },
    ],
    explanation: 'Tài khoản mức độ 2 được cấp khi công dân làm thủ tục tại cơ quan Công an, có thu nhận ảnh chân dung và vân tay.',
  },
  {
    code: 'VNEID-02',
    topic: 'VNEID',
    text: 'Bạn nhận được mã kích hoạt (OTP) tài khoản VNeID qua tin nhắn. Bạn nên làm gì?',
    options: [
      { text: 'Tự nhập mã vào ứng dụng VNeID và không cung cấp cho bất kỳ ai', correct: true },
      { text: 'Đọc mã cho người gọi điện xưng là cán bộ công an' },
      { text: 'Chụp màn hình đăng lên mạng xã hội để lưu lại' },
      { text: 'Gửi mã cho người quen qua Zalo để nhờ kích hoạt hộ' },
    ],
    explanation: 'Cơ quan Công an không bao giờ hỏi mã kích hoạt qua điện thoại; ai có mã có thể chiếm tài khoản của bạn.',
  },
  {
    code: 'VNEID-03',
    topic: 'VNEID',
    text: 'Ứng dụng VNeID giúp người dân làm được việc nào sau đây?',
    options: [
      { text: 'Xuất trình giấy tờ đã tích hợp (căn cước, giấy phép lái xe, thẻ bảo hiểm y tế) và thông báo lưu trú trực tuyến', correct: true },
      { text: 'Vay tiền trực tuyến không cần thủ tục' },
      { text: 'Mua bán hàng hóa với người dùng khác' },
      { text: 'Xem phim và nghe nhạc trực tuyến' },
    ],
    explanation: 'VNeID là ứng dụng định danh điện tử của Bộ Công an: giấy tờ điện tử, thông báo lưu trú và nhiều tiện ích hành chính.',
  },
  {
    code: 'DVC-01',
    topic: 'PUBLIC_SERVICES',
    text: 'Địa chỉ nào là Cổng Dịch vụ công quốc gia?',
    options: [
      { text: 'dichvucong.gov.vn', correct: true },
      { text: 'dichvucong.com.vn' },
      { text: 'dichvucong-gov.vn' },
      { text: 'dvc.vn.com' },
    ],
    explanation: 'Trang của cơ quan nhà nước có tên miền .gov.vn; các tên miền na ná thường là trang giả mạo.',
  },
  {
    code: 'DVC-02',
    topic: 'PUBLIC_SERVICES',
    text: 'Khi nộp hồ sơ trên Cổng Dịch vụ công quốc gia, người dân có thể đăng nhập bằng tài khoản nào?',
    options: [
      { text: 'Tài khoản định danh điện tử VNeID', correct: true },
      { text: 'Tài khoản Facebook' },
      { text: 'Số tài khoản ngân hàng và mật khẩu ngân hàng' },
      { text: 'Không cần đăng nhập, chỉ cần gửi thư điện tử' },
    ],
    explanation: 'Cổng Dịch vụ công quốc gia dùng tài khoản định danh điện tử VNeID để xác thực người nộp hồ sơ.',
  },
  {
    code: 'DVC-03',
    topic: 'PUBLIC_SERVICES',
    text: 'Có người thân từ quê đến ở nhờ một thời gian. Cách nào giúp bạn khai báo lưu trú nhanh nhất mà không phải đến trụ sở?',
    options: [
      { text: 'Thông báo lưu trú trên ứng dụng VNeID hoặc Cổng dịch vụ công', correct: true },
      { text: 'Nhắn tin cho một số điện thoại lạ tự giới thiệu là cán bộ' },
      { text: 'Đăng thông tin lên nhóm mạng xã hội của khu phố' },
      { text: 'Không có cách nào ngoài đến trụ sở Công an' },
    ],
    explanation: 'Thông báo lưu trú là một trong các dịch vụ công trực tuyến thiết yếu, làm được ngay trên điện thoại.',
  },
  {
    code: 'ATTT-01',
    topic: 'CYBER_SAFETY',
    text: 'Một người gọi điện xưng là công an, nói bạn liên quan đến một vụ án và yêu cầu chuyển tiền vào "tài khoản tạm giữ". Bạn nên làm gì?',
    options: [
      { text: 'Không chuyển tiền, dừng cuộc gọi và báo cho Công an xã, phường nơi cư trú', correct: true },
      { text: 'Chuyển tiền ngay để tránh rắc rối' },
      { text: 'Đọc mã OTP để họ "kiểm tra" tài khoản' },
      { text: 'Cài ứng dụng theo đường link họ gửi' },
    ],
    explanation: 'Cơ quan Công an không làm việc qua điện thoại và không bao giờ yêu cầu chuyển tiền vào "tài khoản tạm giữ".',
  },
  {
    code: 'ATTT-02',
    topic: 'CYBER_SAFETY',
    text: 'Mã OTP ngân hàng gửi đến điện thoại của bạn dùng để làm gì?',
    options: [
      { text: 'Xác nhận giao dịch do chính bạn thực hiện; không bao giờ đưa cho người khác', correct: true },
      { text: 'Đọc cho nhân viên ngân hàng khi họ gọi điện hỏi' },
      { text: 'Gửi vào nhóm gia đình để mọi người cùng biết' },
      { text: 'Đưa cho người lạ nếu họ hứa tặng quà' },
    ],
    explanation: 'Ngân hàng không bao giờ hỏi mã OTP; ai có mã có thể rút tiền khỏi tài khoản của bạn.',
  },
  {
    code: 'ATTT-03',
    topic: 'CYBER_SAFETY',
    text: 'Dấu hiệu nào cho thấy một đường link nhận được qua tin nhắn có thể là lừa đảo?',
    options: [
      { text: 'Tên miền gần giống trang chính thức nhưng sai khác vài ký tự, kèm lời báo trúng thưởng hoặc dọa khóa tài khoản', correct: true },
      { text: 'Đường link có tên miền .gov.vn mà bạn tự gõ vào trình duyệt' },
      { text: 'Trang của ngân hàng mở từ ứng dụng chính thức của ngân hàng' },
      { text: 'Đường link do chính bạn lưu từ trước trong trình duyệt' },
    ],
    explanation: 'Kẻ gian dùng tên miền na ná và tạo cảm giác gấp gáp (trúng thưởng, khóa tài khoản) để lừa người dùng.',
  },
  {
    code: 'ATTT-04',
    topic: 'CYBER_SAFETY',
    text: 'Mật khẩu nào sau đây an toàn nhất?',
    options: [
      { text: 'Một cụm từ dài gồm chữ hoa, chữ thường, chữ số và ký hiệu, không dùng chung cho nhiều tài khoản', correct: true },
      { text: '123456' },
      { text: 'Ngày tháng năm sinh của bạn' },
      { text: 'Số điện thoại của bạn' },
    ],
    explanation: 'Mật khẩu dài, khó đoán và riêng cho từng tài khoản giúp tài khoản không bị chiếm khi một trang khác bị lộ dữ liệu.',
  },
  {
    code: 'TT-01',
    topic: 'CASHLESS',
    text: 'Khi thanh toán bằng cách quét mã QR tại cửa hàng, bạn cần kiểm tra gì trước khi xác nhận?',
    options: [
      { text: 'Tên người nhận và số tiền hiển thị trên ứng dụng ngân hàng', correct: true },
      { text: 'Màu sắc của mã QR' },
      { text: 'Không cần kiểm tra gì' },
      { text: 'Số người đang xếp hàng phía sau' },
    ],
    explanation: 'Mã QR có thể bị dán đè; tên người nhận và số tiền trên ứng dụng cho biết tiền sẽ đi đâu.',
  },
  {
    code: 'TT-02',
    topic: 'CASHLESS',
    text: 'Nếu lỡ chuyển khoản nhầm cho người lạ, bạn nên làm gì?',
    options: [
      { text: 'Liên hệ ngay ngân hàng của mình qua tổng đài chính thức để được tra soát', correct: true },
      { text: 'Thuê một "dịch vụ lấy lại tiền" trên mạng và cung cấp mật khẩu ngân hàng' },
      { text: 'Đăng số tài khoản người nhận lên mạng xã hội để đòi tiền' },
      { text: 'Chuyển thêm tiền để người nhận "hoàn lại cả hai lần"' },
    ],
    explanation: 'Chỉ ngân hàng mới tra soát được giao dịch; "dịch vụ lấy lại tiền" trên mạng là một thủ đoạn lừa đảo phổ biến.',
  },
];
