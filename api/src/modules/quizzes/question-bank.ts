import type { TopicCode } from '@thidua/domain';

/**
 * The project's Vietnamese question bank, written for "Bình dân học vụ số": plain language, one
 * idea per question, no trick wording, fair to an elderly first-time user. `loadQuestionBank`
 * inserts the questions whose code is missing, so a question edited by an administrator (CSV
 * import) is never overwritten by this file, and new questions here reach existing databases.
 *
 * Codes are stable (they are the CSV key): never reuse one for a different question. Single
 * choice: exactly one correct option. Multiple choice (`multipleChoice: true`, the text says
 * "chọn tất cả đáp án đúng"): two or more correct options and at least one wrong one. Options
 * are shuffled for every attempt, so their order here does not matter.
 */

/** The six topics of the quizzes (a subset of the class topics). */
export const QUIZ_TOPICS = ['VNEID', 'PUBLIC_SERVICES', 'CYBER_SAFETY', 'CASHLESS', 'E_HEALTH', 'AI_BASICS'] as const satisfies readonly TopicCode[];
export type QuizTopic = (typeof QUIZ_TOPICS)[number];

export const MAX_OPTIONS = 6;

export interface BankQuestion {
  code: string;
  topic: TopicCode;
  text: string;
  multipleChoice?: boolean;
  options: { text: string; correct?: true }[];
  /** shown after submission, whatever the answer */
  explanation: string;
}

const ALL = '(Chọn tất cả đáp án đúng)';

export const QUESTION_BANK: readonly BankQuestion[] = [
  // ------------------------------------------------------------------ VNeID, định danh điện tử
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
    code: 'VNEID-04',
    topic: 'VNEID',
    text: 'Khi cần xuất trình giấy tờ, tài khoản định danh điện tử mức độ 2 có giá trị như thế nào?',
    options: [
      { text: 'Chỉ dùng để đọc tin tức' },
      { text: 'Có giá trị tương đương xuất trình thẻ căn cước trong các giao dịch có yêu cầu', correct: true },
      { text: 'Chỉ có giá trị khi in ra giấy và đóng dấu đỏ' },
      { text: 'Không có giá trị gì' },
    ],
    explanation: 'Theo quy định, dùng tài khoản định danh điện tử mức độ 2 có giá trị tương đương xuất trình thẻ căn cước, nên có thể để thẻ ở nhà khi đi làm nhiều việc.',
  },
  {
    code: 'VNEID-05',
    topic: 'VNEID',
    text: 'Bạn nên tải ứng dụng VNeID từ đâu?',
    options: [
      { text: 'Từ đường link trong tin nhắn của một số điện thoại lạ' },
      { text: 'Từ tệp cài đặt do người lạ gửi qua Zalo, Facebook' },
      { text: 'Từ kho ứng dụng chính thức của điện thoại (App Store hoặc CH Play), đúng ứng dụng VNeID của Bộ Công an', correct: true },
      { text: 'Từ một trang quảng cáo trên mạng xã hội' },
    ],
    explanation: 'Kẻ gian giả danh công an gửi link cài "VNeID" giả để chiếm quyền điều khiển điện thoại và lấy tiền trong tài khoản. Chỉ cài từ kho ứng dụng chính thức.',
  },
  {
    code: 'VNEID-06',
    topic: 'VNEID',
    multipleChoice: true,
    text: `Những việc nào giúp giữ an toàn tài khoản VNeID của bạn? ${ALL}`,
    options: [
      { text: 'Đặt mật khẩu và mã bảo vệ (passcode) khó đoán, không cho người khác biết', correct: true },
      { text: 'Không đưa mã kích hoạt, mật khẩu cho bất kỳ ai, kể cả người xưng là cán bộ', correct: true },
      { text: 'Nhờ người lạ ngoài đường đăng nhập hộ cho nhanh' },
      { text: 'Chỉ cài VNeID từ kho ứng dụng chính thức', correct: true },
    ],
    explanation: 'Mật khẩu riêng, không tiết lộ mã và chỉ cài ứng dụng chính thức là ba thói quen bảo vệ tài khoản; người lạ đăng nhập hộ có thể chiếm tài khoản của bạn.',
  },
  {
    code: 'VNEID-07',
    topic: 'VNEID',
    text: 'Nếu bị mất điện thoại đã cài VNeID, bạn nên làm gì?',
    options: [
      { text: 'Không cần làm gì, tài khoản sẽ tự mất' },
      { text: 'Đăng số căn cước lên mạng xã hội để nhờ mọi người tìm' },
      { text: 'Liên hệ cơ quan Công an gần nhất để được hướng dẫn khóa tạm thời tài khoản định danh điện tử', correct: true },
      { text: 'Mua một tài khoản VNeID khác trên mạng' },
    ],
    explanation: 'Khóa tạm thời tài khoản giúp người nhặt được điện thoại không dùng được giấy tờ điện tử của bạn; khi có máy mới, bạn đăng nhập lại.',
  },
  {
    code: 'VNEID-08',
    topic: 'VNEID',
    text: 'Tài khoản định danh điện tử mức độ 2 khác mức độ 1 ở điểm nào?',
    options: [
      { text: 'Mức độ 2 được xác thực thêm ảnh chân dung và vân tay, nên dùng được nhiều tiện ích hơn', correct: true },
      { text: 'Mức độ 1 dùng được nhiều tiện ích hơn mức độ 2' },
      { text: 'Hai mức giống hệt nhau' },
      { text: 'Mức độ 2 phải trả phí hằng tháng' },
    ],
    explanation: 'Mức độ 2 có thêm ảnh chân dung và vân tay được cơ quan Công an xác thực, nên dùng được cho giấy tờ điện tử và nhiều dịch vụ công.',
  },
  {
    code: 'VNEID-09',
    topic: 'VNEID',
    text: 'Đăng ký tài khoản định danh điện tử có mất phí không?',
    options: [
      { text: 'Phải trả tiền cho người "làm nhanh" bên ngoài' },
      { text: 'Không mất phí', correct: true },
      { text: 'Phải nạp thẻ điện thoại cho cán bộ' },
      { text: 'Mất phí theo số tuổi' },
    ],
    explanation: 'Cấp tài khoản định danh điện tử không thu phí. Ai đòi tiền để "làm nhanh, làm hộ" là dấu hiệu lừa đảo.',
  },
  {
    code: 'VNEID-10',
    topic: 'VNEID',
    multipleChoice: true,
    text: `Những giấy tờ nào có thể được tích hợp vào ứng dụng VNeID? ${ALL}`,
    options: [
      { text: 'Thẻ bảo hiểm y tế', correct: true },
      { text: 'Sổ tiết kiệm ngân hàng' },
      { text: 'Giấy phép lái xe', correct: true },
      { text: 'Vé xổ số' },
    ],
    explanation: 'VNeID tích hợp các giấy tờ do cơ quan nhà nước cấp như thẻ bảo hiểm y tế, giấy phép lái xe, đăng ký xe; không chứa sổ tiết kiệm hay vé số.',
  },
  {
    code: 'VNEID-11',
    topic: 'VNEID',
    text: 'Có người gọi điện xưng là công an, đề nghị bạn "cập nhật, đồng bộ" VNeID bằng cách cài ứng dụng qua đường link họ gửi. Bạn nên làm gì?',
    options: [
      { text: 'Làm theo ngay vì họ là công an' },
      { text: 'Từ chối, không bấm link; nếu còn băn khoăn, tự đến Công an xã, phường để hỏi', correct: true },
      { text: 'Đọc số căn cước và mật khẩu để họ cập nhật hộ' },
      { text: 'Chuyển tiền phí cập nhật cho họ' },
    ],
    explanation: 'Công an không hướng dẫn cài VNeID qua link gửi trong cuộc gọi. Đây là thủ đoạn lừa đảo phổ biến để chiếm quyền điều khiển điện thoại.',
  },

  // ------------------------------------------------------------------ dịch vụ công trực tuyến
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
    code: 'DVC-04',
    topic: 'PUBLIC_SERVICES',
    text: 'Dịch vụ công trực tuyến "toàn trình" nghĩa là gì?',
    options: [
      { text: 'Chỉ xem được hướng dẫn trên mạng, còn lại phải đến nơi làm' },
      { text: 'Phải nộp cả hồ sơ giấy và hồ sơ điện tử' },
      { text: 'Chỉ dành cho doanh nghiệp' },
      { text: 'Mọi bước, từ nộp hồ sơ, nộp phí đến nhận kết quả, đều làm được trên mạng', correct: true },
    ],
    explanation: 'Với dịch vụ toàn trình, người dân không phải đến cơ quan: nộp hồ sơ, theo dõi, nộp phí và nhận kết quả đều trực tuyến (hoặc nhận kết quả qua bưu điện).',
  },
  {
    code: 'DVC-05',
    topic: 'PUBLIC_SERVICES',
    text: 'Sau khi nộp hồ sơ trực tuyến, làm thế nào để biết hồ sơ đã được giải quyết đến đâu?',
    options: [
      { text: 'Tra cứu bằng mã hồ sơ trên Cổng Dịch vụ công, hoặc xem thông báo gửi về tài khoản, tin nhắn, thư điện tử', correct: true },
      { text: 'Gọi cho người lạ trên mạng nhận "xem hộ" hồ sơ' },
      { text: 'Không có cách nào, chỉ chờ đợi' },
      { text: 'Nộp lại hồ sơ mới mỗi ngày' },
    ],
    explanation: 'Mỗi hồ sơ có một mã riêng. Lưu lại mã này để tra cứu tình trạng bất cứ lúc nào.',
  },
  {
    code: 'DVC-06',
    topic: 'PUBLIC_SERVICES',
    multipleChoice: true,
    text: `Khi làm thủ tục trên Cổng Dịch vụ công, có những cách nào để nhận kết quả (tùy thủ tục)? ${ALL}`,
    options: [
      { text: 'Nhận bản điện tử trong tài khoản trên Cổng Dịch vụ công', correct: true },
      { text: 'Nhận qua đường bưu điện tại nhà, nếu đã đăng ký', correct: true },
      { text: 'Nhận từ người lạ nhắn tin hẹn gặp ngoài đường' },
      { text: 'Nhận trực tiếp tại Bộ phận Một cửa', correct: true },
    ],
    explanation: 'Tùy thủ tục, kết quả được trả vào tài khoản, gửi qua bưu điện hoặc nhận tại Bộ phận Một cửa. Cơ quan nhà nước không giao kết quả qua người lạ.',
  },
  {
    code: 'DVC-07',
    topic: 'PUBLIC_SERVICES',
    text: 'Gia đình có em bé mới sinh. Nhóm thủ tục liên thông trực tuyến giúp làm cùng lúc những việc nào?',
    options: [
      { text: 'Làm hộ chiếu và thị thực du lịch' },
      { text: 'Đăng ký khai sinh, đăng ký thường trú và cấp thẻ bảo hiểm y tế cho trẻ dưới 6 tuổi', correct: true },
      { text: 'Mua bảo hiểm nhân thọ' },
      { text: 'Đăng ký xe máy' },
    ],
    explanation: 'Chỉ với một bộ hồ sơ trực tuyến, cha mẹ làm được khai sinh, đăng ký thường trú và thẻ bảo hiểm y tế cho con.',
  },
  {
    code: 'DVC-08',
    topic: 'PUBLIC_SERVICES',
    text: 'Nếu chưa tự làm được thủ tục trực tuyến, bạn có thể nhờ ai hướng dẫn miễn phí?',
    options: [
      { text: 'Người lạ trên mạng nhận làm hộ, đòi giữ tài khoản VNeID và mật khẩu' },
      { text: 'Không ai được phép hướng dẫn' },
      { text: 'Cán bộ Bộ phận Một cửa xã, phường, Tổ công nghệ số cộng đồng hoặc đoàn viên thanh niên', correct: true },
      { text: 'Chỉ luật sư mới được hướng dẫn' },
    ],
    explanation: 'Ở xã, phường luôn có người hướng dẫn miễn phí. Không giao tài khoản và mật khẩu cho người lạ.',
  },
  {
    code: 'DVC-09',
    topic: 'PUBLIC_SERVICES',
    text: 'Khi làm thủ tục trực tuyến cần nộp phí, lệ phí, cách nào an toàn?',
    options: [
      { text: 'Chuyển khoản vào tài khoản cá nhân của người gọi điện tự xưng là cán bộ' },
      { text: 'Thanh toán ngay trên Cổng Dịch vụ công, qua các cách thanh toán hiện trên trang', correct: true },
      { text: 'Gửi tiền mặt theo xe khách cho người lạ' },
      { text: 'Nạp thẻ điện thoại cho người hướng dẫn' },
    ],
    explanation: 'Phí, lệ phí được nộp ngay trên Cổng Dịch vụ công và có biên lai điện tử. Cơ quan nhà nước không thu tiền vào tài khoản cá nhân.',
  },
  {
    code: 'DVC-10',
    topic: 'PUBLIC_SERVICES',
    text: 'Bạn muốn góp ý hoặc phản ánh về việc giải quyết thủ tục hành chính. Bạn có thể gửi ở đâu?',
    options: [
      { text: 'Mục "Phản ánh, kiến nghị" trên Cổng Dịch vụ công quốc gia', correct: true },
      { text: 'Bình luận dưới một quảng cáo trên mạng' },
      { text: 'Không có nơi nào tiếp nhận' },
      { text: 'Nhắn cho một số điện thoại lạ' },
    ],
    explanation: 'Cổng Dịch vụ công quốc gia có mục "Phản ánh, kiến nghị" để người dân gửi ý kiến và theo dõi câu trả lời của cơ quan nhà nước.',
  },
  {
    code: 'DVC-11',
    topic: 'PUBLIC_SERVICES',
    multipleChoice: true,
    text: `Khi nộp hồ sơ trực tuyến, bạn nên làm gì? ${ALL}`,
    options: [
      { text: 'Kiểm tra địa chỉ trang có đuôi .gov.vn trước khi đăng nhập', correct: true },
      { text: 'Đăng ảnh giấy tờ tùy thân lên mạng xã hội để nhờ góp ý' },
      { text: 'Lưu lại mã hồ sơ để tra cứu', correct: true },
      { text: 'Đưa mật khẩu tài khoản cho người lạ giữ hộ' },
    ],
    explanation: 'Kiểm tra đúng trang chính thức và lưu mã hồ sơ giúp bạn nộp an toàn và theo dõi được; giấy tờ và mật khẩu là thông tin riêng, không chia sẻ.',
  },

  // ------------------------------------------------------------------ lừa đảo, an toàn mạng
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
    code: 'ATTT-05',
    topic: 'CYBER_SAFETY',
    text: 'Bạn nhận cuộc gọi video từ một người trông giống hệt con mình, nói đang gặp nạn và cần chuyển tiền gấp. Bạn nên làm gì trước?',
    options: [
      { text: 'Chuyển tiền ngay vì đã nhìn thấy mặt' },
      { text: 'Gọi lại cho con bằng số điện thoại quen thuộc, hoặc hỏi người thân khác, trước khi làm gì', correct: true },
      { text: 'Gửi mã OTP để con tự rút tiền' },
      { text: 'Chuyển tiền vào tài khoản của người lạ mà con nói tới' },
    ],
    explanation: 'Kẻ gian có thể dùng công nghệ giả mặt, giả giọng (deepfake). Luôn gọi lại bằng số quen thuộc để kiểm tra.',
  },
  {
    code: 'ATTT-06',
    topic: 'CYBER_SAFETY',
    text: 'Có lời mời "việc nhẹ lương cao": chỉ cần bấm thích, đánh giá sản phẩm để nhận hoa hồng, nhưng phải nạp tiền trước để "nhận nhiệm vụ". Đây là gì?',
    options: [
      { text: 'Một cơ hội kiếm tiền an toàn' },
      { text: 'Việc làm của cơ quan nhà nước' },
      { text: 'Thủ đoạn lừa đảo: không nạp tiền, không làm theo', correct: true },
      { text: 'Chương trình khuyến mãi của ngân hàng' },
    ],
    explanation: 'Kẻ gian trả ít tiền lúc đầu để tạo lòng tin, sau đó đòi nạp số tiền lớn hơn rồi chiếm đoạt. Việc làm thật không bắt người làm nạp tiền.',
  },
  {
    code: 'ATTT-07',
    topic: 'CYBER_SAFETY',
    multipleChoice: true,
    text: `Những dấu hiệu nào cho thấy một cuộc gọi có thể là lừa đảo? ${ALL}`,
    options: [
      { text: 'Người gọi hối thúc, đe dọa, bắt làm ngay', correct: true },
      { text: 'Người gọi đề nghị chuyển tiền hoặc đọc mã OTP', correct: true },
      { text: 'Con cháu gọi từ số quen thuộc để hỏi thăm sức khỏe' },
      { text: 'Người gọi yêu cầu giữ bí mật, không được kể với người nhà', correct: true },
    ],
    explanation: 'Gấp gáp, đòi tiền hoặc mã OTP, bắt giữ bí mật là ba dấu hiệu điển hình của lừa đảo. Hãy dừng cuộc gọi và hỏi người thân hoặc Công an.',
  },
  {
    code: 'ATTT-08',
    topic: 'CYBER_SAFETY',
    text: 'Bạn gặp một trang web hoặc tin nhắn lừa đảo. Bạn có thể báo ở đâu?',
    options: [
      { text: 'Trang cảnh báo lừa đảo chính thức có đuôi .gov.vn (như canhbao.khonggianmang.gov.vn) hoặc Công an xã, phường', correct: true },
      { text: 'Nhắn tin cho chính số điện thoại đã lừa mình' },
      { text: 'Không cần báo, cứ xóa đi là xong' },
      { text: 'Đăng số tài khoản của mình lên mạng để cảnh báo' },
    ],
    explanation: 'Báo cáo giúp cơ quan chức năng chặn trang lừa đảo và cảnh báo người khác.',
  },
  {
    code: 'ATTT-09',
    topic: 'CYBER_SAFETY',
    text: 'Tin nhắn rác, cuộc gọi rác có thể được phản ánh tới nhà mạng qua đầu số nào?',
    options: [
      { text: '113' },
      { text: '114' },
      { text: '115' },
      { text: '5656', correct: true },
    ],
    explanation: 'Đầu số 5656 nhận phản ánh tin nhắn rác, cuộc gọi rác. Số 113 là Công an, 114 là cứu hỏa, 115 là cấp cứu.',
  },
  {
    code: 'ATTT-10',
    topic: 'CYBER_SAFETY',
    text: 'Khi dùng Wi-Fi công cộng miễn phí (quán cà phê, bến xe), cách làm nào an toàn hơn?',
    options: [
      { text: 'Chuyển tiền số lớn ngay tại quán' },
      { text: 'Để việc đăng nhập ngân hàng, chuyển tiền đến khi dùng mạng di động (4G) hoặc Wi-Fi ở nhà', correct: true },
      { text: 'Tắt khóa màn hình cho tiện' },
      { text: 'Cài mọi ứng dụng mà quán giới thiệu' },
    ],
    explanation: 'Wi-Fi công cộng có thể bị kẻ gian theo dõi. Việc liên quan đến tiền nên làm trên mạng di động hoặc mạng ở nhà.',
  },
  {
    code: 'ATTT-11',
    topic: 'CYBER_SAFETY',
    text: 'Vì sao nên cập nhật phần mềm và ứng dụng trên điện thoại khi có thông báo từ kho ứng dụng chính thức?',
    options: [
      { text: 'Để điện thoại đổi màu' },
      { text: 'Để được tặng tiền' },
      { text: 'Vì bản cập nhật vá các lỗ hổng bảo mật, giúp máy khó bị tấn công hơn', correct: true },
      { text: 'Không cần cập nhật bao giờ' },
    ],
    explanation: 'Nhà sản xuất thường xuyên sửa các lỗi mà kẻ gian có thể lợi dụng. Cập nhật từ kho chính thức giúp máy an toàn hơn.',
  },
  {
    code: 'ATTT-12',
    topic: 'CYBER_SAFETY',
    multipleChoice: true,
    text: `Những cách nào giúp bảo vệ tài khoản mạng xã hội và thư điện tử? ${ALL}`,
    options: [
      { text: 'Bật xác thực hai lớp (đăng nhập cần thêm mã gửi về điện thoại)', correct: true },
      { text: 'Dùng chung một mật khẩu dễ nhớ cho mọi tài khoản' },
      { text: 'Đặt mật khẩu riêng cho mỗi tài khoản', correct: true },
      { text: 'Đăng nhập qua đường link lạ được gửi đến' },
    ],
    explanation: 'Xác thực hai lớp và mật khẩu riêng cho từng tài khoản khiến kẻ gian khó chiếm tài khoản dù biết một mật khẩu.',
  },

  // ------------------------------------------------------------------ thanh toán không dùng tiền mặt
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
  {
    code: 'TT-03',
    topic: 'CASHLESS',
    text: 'Khi chuyển khoản trên 10 triệu đồng một lần, ứng dụng ngân hàng yêu cầu thêm bước nào?',
    options: [
      { text: 'Ra quầy ký giấy' },
      { text: 'Không yêu cầu gì thêm' },
      { text: 'Gửi ảnh chụp màn hình cho nhân viên qua Zalo' },
      { text: 'Xác thực bằng khuôn mặt (sinh trắc học), đối chiếu với dữ liệu căn cước', correct: true },
    ],
    explanation: 'Từ ngày 1/7/2024, chuyển tiền trên 10 triệu đồng một lần (hoặc tổng trên 20 triệu đồng một ngày) phải xác thực sinh trắc học, để kẻ gian có mật khẩu cũng không chuyển được tiền.',
  },
  {
    code: 'TT-04',
    topic: 'CASHLESS',
    text: 'Có người đề nghị mua hoặc thuê tài khoản ngân hàng của bạn với giá cao. Bạn nên làm gì?',
    options: [
      { text: 'Đồng ý vì được nhiều tiền' },
      { text: 'Từ chối: mua bán, cho thuê tài khoản là vi phạm pháp luật và tài khoản có thể bị dùng để lừa đảo', correct: true },
      { text: 'Chỉ cho thuê một tháng' },
      { text: 'Cho mượn thẻ và mã PIN để họ tự dùng' },
    ],
    explanation: 'Tài khoản bị mua, thuê thường được dùng để nhận tiền lừa đảo; chủ tài khoản có thể bị xử lý theo pháp luật.',
  },
  {
    code: 'TT-05',
    topic: 'CASHLESS',
    text: 'Cách nào an toàn để cài ứng dụng ngân hàng?',
    options: [
      { text: 'Tải từ kho ứng dụng chính thức, đúng tên ngân hàng, hoặc nhờ nhân viên tại quầy giao dịch hướng dẫn', correct: true },
      { text: 'Bấm link trong tin nhắn báo "nâng cấp ứng dụng"' },
      { text: 'Cài tệp do người lạ gửi qua mạng xã hội' },
      { text: 'Nhờ người gọi điện tự xưng nhân viên ngân hàng cài hộ từ xa' },
    ],
    explanation: 'Ứng dụng giả có thể lấy mật khẩu và mã OTP của bạn. Chỉ cài từ kho ứng dụng chính thức hoặc theo hướng dẫn tại ngân hàng.',
  },
  {
    code: 'TT-06',
    topic: 'CASHLESS',
    multipleChoice: true,
    text: `Những việc nào giúp dùng ứng dụng ngân hàng, ví điện tử an toàn? ${ALL}`,
    options: [
      { text: 'Bật thông báo biến động số dư', correct: true },
      { text: 'Ghi mật khẩu lên mặt sau điện thoại cho khỏi quên' },
      { text: 'Đặt hạn mức chuyển tiền phù hợp với nhu cầu', correct: true },
      { text: 'Cho người quen mượn điện thoại đang đăng nhập sẵn ứng dụng ngân hàng' },
    ],
    explanation: 'Thông báo số dư giúp phát hiện ngay giao dịch lạ; hạn mức giới hạn thiệt hại nếu có sự cố. Mật khẩu và điện thoại đã đăng nhập phải được giữ riêng.',
  },
  {
    code: 'TT-07',
    topic: 'CASHLESS',
    text: 'Bạn có thể trả tiền điện, tiền nước hằng tháng mà không cần ra quầy bằng cách nào?',
    options: [
      { text: 'Chuyển tiền cho người lạ trên mạng nhận nộp hộ' },
      { text: 'Thanh toán hóa đơn trong ứng dụng ngân hàng hoặc ví điện tử', correct: true },
      { text: 'Không có cách nào' },
      { text: 'Gửi tiền mặt qua bưu thiếp' },
    ],
    explanation: 'Trong ứng dụng ngân hàng, ví điện tử có mục thanh toán hóa đơn: chọn nhà cung cấp, nhập mã khách hàng, kiểm tra số tiền rồi xác nhận.',
  },
  {
    code: 'TT-08',
    topic: 'CASHLESS',
    text: 'Bạn nhận tin nhắn: "Tài khoản ngân hàng của bạn sắp bị khóa, bấm vào đường link để xác minh". Bạn nên làm gì?',
    options: [
      { text: 'Bấm link và nhập mật khẩu ngay' },
      { text: 'Chuyển tiền sang tài khoản khác theo hướng dẫn trong tin nhắn' },
      { text: 'Không bấm link; gọi tổng đài in trên thẻ hoặc trên trang chính thức của ngân hàng để hỏi', correct: true },
      { text: 'Gửi lại tin nhắn kèm mã OTP' },
    ],
    explanation: 'Ngân hàng không yêu cầu xác minh qua đường link trong tin nhắn. Khi nghi ngờ, hãy tự gọi số tổng đài chính thức.',
  },
  {
    code: 'TT-09',
    topic: 'CASHLESS',
    text: 'Nhận tiền bằng mã QR có lợi gì cho người bán hàng nhỏ ở chợ?',
    options: [
      { text: 'Tiền về tài khoản nhanh, không phải thối tiền lẻ, tránh nhận phải tiền giả', correct: true },
      { text: 'Không cần có tài khoản ngân hàng' },
      { text: 'Tiền tự tăng gấp đôi' },
      { text: 'Không bao giờ phải kiểm tra tiền đã về chưa' },
    ],
    explanation: 'Mã QR gắn với tài khoản của người bán. Người bán vẫn nên kiểm tra thông báo tiền về trước khi giao hàng.',
  },
  {
    code: 'TT-10',
    topic: 'CASHLESS',
    text: 'Khi bị mất điện thoại có cài ứng dụng ngân hàng, việc cần làm trước tiên là gì?',
    options: [
      { text: 'Chờ vài tuần xem có ai trả lại không' },
      { text: 'Đăng tin tìm điện thoại kèm mật khẩu ngân hàng' },
      { text: 'Mua điện thoại mới rồi tính sau' },
      { text: 'Gọi ngay tổng đài ngân hàng để tạm khóa tài khoản, ứng dụng; báo nhà mạng khóa SIM', correct: true },
    ],
    explanation: 'Khóa sớm tài khoản và SIM giúp người nhặt được điện thoại không nhận được mã OTP và không chuyển được tiền.',
  },
  {
    code: 'TT-11',
    topic: 'CASHLESS',
    multipleChoice: true,
    text: `Nhận lương hưu, trợ cấp xã hội qua tài khoản ngân hàng có lợi gì? ${ALL}`,
    options: [
      { text: 'Tiền về đúng hạn, không phải xếp hàng chờ nhận', correct: true },
      { text: 'Không cần giữ bí mật mật khẩu, mã OTP nữa' },
      { text: 'Tránh rủi ro mất tiền mặt khi mang theo người', correct: true },
      { text: 'Được nhận gấp đôi số tiền' },
    ],
    explanation: 'Nhận qua tài khoản tiện và an toàn hơn cầm tiền mặt; nhưng vẫn phải giữ kín mật khẩu và mã OTP.',
  },

  // ------------------------------------------------------------------ y tế số
  {
    code: 'YT-01',
    topic: 'E_HEALTH',
    text: 'Bạn có thể xem Sổ sức khỏe điện tử của mình ở đâu?',
    options: [
      { text: 'Trên ứng dụng VNeID, mục Sổ sức khỏe điện tử', correct: true },
      { text: 'Trên trang mạng xã hội của người lạ' },
      { text: 'Trong một trò chơi điện tử' },
      { text: 'Trên tờ rơi quảng cáo thuốc' },
    ],
    explanation: 'Sổ sức khỏe điện tử đã được tích hợp trên VNeID (tài khoản mức độ 2), giúp người dân và bác sĩ xem lại thông tin khám chữa bệnh.',
  },
  {
    code: 'YT-02',
    topic: 'E_HEALTH',
    text: 'Khi đi khám bệnh có bảo hiểm y tế, bạn có thể dùng gì thay cho thẻ bảo hiểm y tế bằng giấy?',
    options: [
      { text: 'Ảnh chụp thẻ bảo hiểm của người khác' },
      { text: 'Thẻ căn cước gắn chip hoặc ứng dụng VNeID đã tích hợp thẻ bảo hiểm y tế', correct: true },
      { text: 'Hóa đơn tiền điện' },
      { text: 'Không cần mang gì, chỉ cần đọc tên' },
    ],
    explanation: 'Cơ sở khám chữa bệnh tra cứu thẻ bảo hiểm y tế qua thẻ căn cước gắn chip hoặc VNeID, nên không cần mang thẻ giấy.',
  },
  {
    code: 'YT-03',
    topic: 'E_HEALTH',
    text: 'Muốn đặt lịch khám bệnh trực tuyến, bạn nên đặt qua đâu?',
    options: [
      { text: 'Trang mạng xã hội lạ tự xưng là bệnh viện, đòi chuyển tiền cọc vào tài khoản cá nhân' },
      { text: 'Người lạ đứng ở cổng bệnh viện mời "khám nhanh"' },
      { text: 'Ứng dụng, trang web hoặc tổng đài chính thức của bệnh viện (có thể hỏi lại tại bệnh viện)', correct: true },
      { text: 'Tin nhắn quảng cáo từ số điện thoại lạ' },
    ],
    explanation: 'Đặt lịch qua kênh chính thức giúp bạn được khám đúng giờ, tránh mất tiền cho "cò" và trang giả mạo.',
  },
  {
    code: 'YT-04',
    topic: 'E_HEALTH',
    text: 'Một trang mạng xã hội mang tên một bệnh viện lớn nhắn tin hẹn khám sớm nếu bạn chuyển khoản "phí giữ chỗ" vào tài khoản cá nhân. Bạn nghĩ sao?',
    options: [
      { text: 'Có thể là trang giả mạo: không chuyển tiền, gọi tổng đài chính thức của bệnh viện để hỏi', correct: true },
      { text: 'Chuyển tiền ngay để được khám sớm' },
      { text: 'Gửi ảnh thẻ căn cước để họ giữ chỗ' },
      { text: 'Giới thiệu trang này cho người quen' },
    ],
    explanation: 'Giả mạo trang của bệnh viện để thu "phí giữ chỗ" là thủ đoạn đã có nhiều người mắc. Bệnh viện không thu tiền vào tài khoản cá nhân.',
  },
  {
    code: 'YT-05',
    topic: 'E_HEALTH',
    text: 'Có người ngất, khó thở cần cấp cứu. Bạn gọi số nào?',
    options: [
      { text: '113' },
      { text: '114' },
      { text: '115', correct: true },
      { text: '5656' },
    ],
    explanation: '115 là số gọi cấp cứu y tế. 113 là Công an, 114 là cứu hỏa, cứu nạn.',
  },
  {
    code: 'YT-06',
    topic: 'E_HEALTH',
    multipleChoice: true,
    text: `Sổ sức khỏe điện tử giúp người dân những gì? ${ALL}`,
    options: [
      { text: 'Xem lại thông tin khám, chữa bệnh của mình', correct: true },
      { text: 'Tự kê đơn thuốc kháng sinh mà không cần bác sĩ' },
      { text: 'Xem lại lịch sử tiêm chủng', correct: true },
      { text: 'Vay tiền trả viện phí' },
    ],
    explanation: 'Sổ sức khỏe điện tử lưu thông tin khám chữa bệnh và tiêm chủng, giúp bác sĩ hiểu bệnh sử của bạn. Thuốc vẫn phải do bác sĩ kê.',
  },
  {
    code: 'YT-07',
    topic: 'E_HEALTH',
    text: 'Khám bệnh từ xa (trò chuyện qua video với bác sĩ) phù hợp trong trường hợp nào?',
    options: [
      { text: 'Khi bị tai nạn nặng, chảy máu nhiều' },
      { text: 'Khi cần hỏi ý kiến bác sĩ về bệnh không cấp cứu, hỏi cách dùng thuốc đã được kê', correct: true },
      { text: 'Khi có người bất tỉnh' },
      { text: 'Khi muốn mua thuốc không cần đơn với số lượng lớn' },
    ],
    explanation: 'Khám từ xa giúp tiết kiệm thời gian đi lại với bệnh thông thường. Trường hợp cấp cứu phải gọi 115 hoặc đến cơ sở y tế ngay.',
  },
  {
    code: 'YT-08',
    topic: 'E_HEALTH',
    text: 'Trên mạng có quảng cáo "thần dược chữa khỏi mọi bệnh, không cần uống thuốc bác sĩ kê". Bạn nên làm gì?',
    options: [
      { text: 'Mua ngay và bỏ thuốc đang uống' },
      { text: 'Không tin, không mua; hỏi bác sĩ hoặc xem thông tin của cơ quan y tế chính thức', correct: true },
      { text: 'Chia sẻ cho cả nhóm gia đình cùng mua' },
      { text: 'Chuyển khoản đặt cọc cho người bán' },
    ],
    explanation: 'Không có thuốc nào chữa khỏi mọi bệnh. Tự ý bỏ thuốc bác sĩ kê có thể nguy hiểm đến tính mạng.',
  },
  {
    code: 'YT-09',
    topic: 'E_HEALTH',
    text: 'Đơn thuốc điện tử mang lại lợi ích gì?',
    options: [
      { text: 'Được mua thuốc không giới hạn' },
      { text: 'Không cần đến bác sĩ nữa' },
      { text: 'Thuốc rẻ hơn một nửa' },
      { text: 'Nhà thuốc xem đúng đơn bác sĩ đã kê, hạn chế nhầm thuốc và mất đơn giấy', correct: true },
    ],
    explanation: 'Đơn thuốc điện tử được liên thông từ nơi khám đến nhà thuốc, giúp bán đúng thuốc, đúng liều theo đơn.',
  },
  {
    code: 'YT-10',
    topic: 'E_HEALTH',
    text: 'Ứng dụng VssID của Bảo hiểm xã hội Việt Nam giúp bạn làm gì?',
    options: [
      { text: 'Xem thông tin thẻ bảo hiểm y tế và quá trình đóng bảo hiểm xã hội, bảo hiểm y tế', correct: true },
      { text: 'Chơi trò chơi trúng thưởng' },
      { text: 'Vay tiền không cần thế chấp' },
      { text: 'Mua thuốc kê đơn không cần bác sĩ' },
    ],
    explanation: 'VssID là ứng dụng chính thức của Bảo hiểm xã hội Việt Nam để tra cứu thẻ bảo hiểm y tế và quá trình tham gia bảo hiểm.',
  },
  {
    code: 'YT-11',
    topic: 'E_HEALTH',
    multipleChoice: true,
    text: `Để bảo vệ thông tin sức khỏe của mình trên mạng, bạn nên làm gì? ${ALL}`,
    options: [
      { text: 'Không đăng ảnh kết quả xét nghiệm, hồ sơ bệnh án lên mạng xã hội', correct: true },
      { text: 'Đọc mã OTP cho người gọi xưng là nhân viên bệnh viện' },
      { text: 'Chỉ khai thông tin sức khỏe trên ứng dụng, trang web chính thức của cơ sở y tế', correct: true },
      { text: 'Cho người lạ đăng nhập VNeID của mình để "cập nhật sổ sức khỏe"' },
    ],
    explanation: 'Thông tin sức khỏe là thông tin riêng tư. Chỉ khai trên kênh chính thức và không đưa tài khoản, mã OTP cho ai.',
  },

  // ------------------------------------------------------------------ AI cơ bản
  {
    code: 'AI-01',
    topic: 'AI_BASICS',
    text: 'Các trợ lý trò chuyện dùng trí tuệ nhân tạo (AI) có thể giúp bạn việc nào sau đây?',
    options: [
      { text: 'Trả lời câu hỏi, viết nháp một lá đơn, tóm tắt hoặc dịch một đoạn văn', correct: true },
      { text: 'Luôn trả lời đúng 100%, không bao giờ sai' },
      { text: 'Thay bác sĩ kê đơn thuốc' },
      { text: 'Biết sẵn mật khẩu ngân hàng của bạn' },
    ],
    explanation: 'AI là công cụ hỗ trợ viết, hỏi đáp, dịch, tóm tắt rất tiện, nhưng có thể sai và không thay được chuyên môn của bác sĩ, cán bộ.',
  },
  {
    code: 'AI-02',
    topic: 'AI_BASICS',
    text: 'Câu trả lời của AI có luôn đúng không?',
    options: [
      { text: 'Luôn đúng vì là máy tính' },
      { text: 'Không: AI có thể trả lời sai mà vẫn nghe rất tự tin, nên cần kiểm tra lại với nguồn chính thức', correct: true },
      { text: 'Chỉ sai vào ban đêm' },
      { text: 'Đúng nếu hỏi hai lần' },
    ],
    explanation: 'AI có thể "bịa" thông tin nghe rất hợp lý. Với việc quan trọng, hãy đối chiếu với văn bản, trang web chính thức hoặc hỏi người có chuyên môn.',
  },
  {
    code: 'AI-03',
    topic: 'AI_BASICS',
    multipleChoice: true,
    text: `Khi trò chuyện với AI, bạn cần giữ kín những thông tin nào? ${ALL}`,
    options: [
      { text: 'Mật khẩu, mã OTP', correct: true },
      { text: 'Câu hỏi chung như "cách trồng rau sạch tại nhà"' },
      { text: 'Số căn cước, số tài khoản ngân hàng', correct: true },
      { text: 'Tên một món ăn bạn muốn học nấu' },
    ],
    explanation: 'Những gì bạn nhập vào ứng dụng AI có thể được lưu lại. Không nhập mật khẩu, mã OTP, số giấy tờ hay tài khoản ngân hàng.',
  },
  {
    code: 'AI-04',
    topic: 'AI_BASICS',
    text: '"Deepfake" là gì?',
    options: [
      { text: 'Một loại điện thoại mới' },
      { text: 'Một ứng dụng của ngân hàng' },
      { text: 'Hình ảnh, video hoặc giọng nói giả được tạo bằng AI, trông và nghe như thật', correct: true },
      { text: 'Một loại virus cảm cúm' },
    ],
    explanation: 'Deepfake có thể giả khuôn mặt, giọng nói của người thân, người nổi tiếng. Gặp yêu cầu chuyển tiền, luôn kiểm tra lại bằng cách khác.',
  },
  {
    code: 'AI-05',
    topic: 'AI_BASICS',
    text: 'Bạn nhận tin nhắn thoại có giọng giống hệt người thân, nhờ chuyển tiền gấp. Vì sao cần cẩn thận?',
    options: [
      { text: 'Vì AI có thể giả giọng nói; hãy gọi lại bằng số quen thuộc để kiểm tra', correct: true },
      { text: 'Không cần cẩn thận vì giọng nói không thể giả' },
      { text: 'Vì tin nhắn thoại tốn tiền' },
      { text: 'Vì người thân không được phép nhờ chuyển tiền' },
    ],
    explanation: 'Chỉ cần vài giây ghi âm, AI có thể bắt chước giọng nói. Gọi lại bằng số quen thuộc là cách kiểm tra đơn giản nhất.',
  },
  {
    code: 'AI-06',
    topic: 'AI_BASICS',
    text: 'Muốn AI trả lời đúng ý, bạn nên hỏi thế nào?',
    options: [
      { text: 'Chỉ gõ một chữ' },
      { text: 'Nói rõ việc cần làm và kết quả mong muốn, ví dụ: "Viết giúp tôi lá đơn xin nghỉ phép 2 ngày, lời lẽ lịch sự"', correct: true },
      { text: 'Hỏi thật nhiều câu không liên quan cùng lúc' },
      { text: 'Nhập mật khẩu để AI hiểu mình hơn' },
    ],
    explanation: 'Câu hỏi càng rõ (việc gì, cho ai, dài bao nhiêu, giọng văn thế nào) thì câu trả lời càng sát ý. Có thể hỏi tiếp để sửa dần.',
  },
  {
    code: 'AI-07',
    topic: 'AI_BASICS',
    multipleChoice: true,
    text: `AI có thể giúp người cao tuổi những việc gì trong đời sống hằng ngày? ${ALL}`,
    options: [
      { text: 'Đọc to văn bản, chuyển lời nói thành chữ để nhắn tin', correct: true },
      { text: 'Tự quyết định chuyển tiền thay cho bạn' },
      { text: 'Giải thích một thủ tục bằng lời dễ hiểu', correct: true },
      { text: 'Thay thế hoàn toàn việc khám bệnh với bác sĩ' },
    ],
    explanation: 'AI giúp đọc, nói, giải thích rất tiện cho người lớn tuổi. Việc liên quan đến tiền bạc và sức khỏe vẫn cần chính bạn và bác sĩ quyết định.',
  },
  {
    code: 'AI-08',
    topic: 'AI_BASICS',
    text: 'Bạn thấy một bức ảnh "tin nóng" gây sốc trên mạng, có thể do AI tạo ra. Bạn nên làm gì?',
    options: [
      { text: 'Chia sẻ ngay cho nhiều người biết' },
      { text: 'Kiểm tra trên báo chí chính thống, trang chính thức trước khi tin hoặc chia sẻ', correct: true },
      { text: 'Bình luận chửi bới người trong ảnh' },
      { text: 'Chuyển tiền ủng hộ theo số tài khoản trong bài' },
    ],
    explanation: 'Ảnh do AI tạo ra có thể trông rất thật. Chia sẻ tin sai có thể gây hại cho người khác và vi phạm pháp luật.',
  },
  {
    code: 'AI-09',
    topic: 'AI_BASICS',
    text: 'AI dựa vào đâu để trả lời câu hỏi?',
    options: [
      { text: 'Đọc được suy nghĩ của người dùng' },
      { text: 'Luôn gọi điện hỏi chuyên gia trước khi trả lời' },
      { text: 'Chép câu trả lời từ bạn bè của bạn' },
      { text: 'Học từ rất nhiều dữ liệu (văn bản, hình ảnh) được đưa vào để huấn luyện, nên có thể thiếu hoặc sai thông tin', correct: true },
    ],
    explanation: 'AI học từ dữ liệu có sẵn, có thể đã cũ hoặc không đầy đủ, nên cần kiểm tra lại các thông tin quan trọng.',
  },
  {
    code: 'AI-10',
    topic: 'AI_BASICS',
    text: 'Khi nhờ AI giải thích một vấn đề về pháp luật hoặc sức khỏe, bạn nên dùng câu trả lời thế nào?',
    options: [
      { text: 'Làm theo ngay, không cần hỏi ai' },
      { text: 'Coi là thông tin tham khảo; hỏi lại cán bộ, bác sĩ hoặc xem văn bản chính thức trước khi quyết định', correct: true },
      { text: 'Dùng thay cho đơn thuốc của bác sĩ' },
      { text: 'Đăng lên mạng như một thông báo chính thức' },
    ],
    explanation: 'AI giúp hiểu nhanh vấn đề, nhưng quyết định quan trọng cần dựa trên ý kiến người có chuyên môn và văn bản chính thức.',
  },
  {
    code: 'AI-11',
    topic: 'AI_BASICS',
    multipleChoice: true,
    text: `Những cách dùng AI nào là có trách nhiệm? ${ALL}`,
    options: [
      { text: 'Nói rõ khi hình ảnh, bài viết là do AI tạo ra', correct: true },
      { text: 'Dùng AI ghép mặt người khác vào video để trêu chọc, bôi nhọ' },
      { text: 'Kiểm tra lại thông tin quan trọng trước khi dùng', correct: true },
      { text: 'Nhờ AI viết tin đồn sai sự thật để đăng lên mạng' },
    ],
    explanation: 'Dùng AI minh bạch và kiểm chứng thông tin là có trách nhiệm; tạo nội dung giả để bôi nhọ hay tung tin đồn là sai trái và có thể vi phạm pháp luật.',
  },
];
