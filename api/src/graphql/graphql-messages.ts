/**
 * graphql-js and Apollo Server word their refusals of a request in English ("Variable "$a" got
 * invalid value; Int cannot represent non-integer value: "abc""). Those that a caller's data can
 * cause (a variable of the wrong type, a missing one, a request without a body, a mutation sent by
 * GET, a document with several operations) are said here in Vietnamese, the rest of the API's
 * language; the original wording stays in `extensions.detail` for the developer of the client.
 * Mistakes in the document itself (a field that does not exist) are the client's programmer's,
 * and keep graphql-js's wording after "Truy vấn không hợp lệ:".
 */

/** Why a value was refused, from graphql-js's reason (the part after "got invalid value …; "). */
function reasonInVietnamese(reason: string): string {
  let m: RegExpMatchArray | null;
  if (/^Int cannot represent non 32-bit signed integer/.test(reason)) return 'số nguyên quá lớn (tối đa 2.147.483.647)';
  if (/^Int cannot represent/.test(reason)) return 'cần một số nguyên';
  if (/^Float cannot represent/.test(reason)) return 'cần một số';
  if (/^String cannot represent/.test(reason)) return 'cần một chuỗi ký tự';
  if (/^Boolean cannot represent/.test(reason)) return 'cần true hoặc false';
  if (/^ID cannot represent/.test(reason)) return 'cần một mã (chuỗi ký tự hoặc số nguyên)';
  if ((m = reason.match(/^Value "?(.*?)"? does not exist in "(\w+)" enum/))) return `"${m[1].slice(0, 50)}" không phải là một giá trị của ${m[2]}`;
  if ((m = reason.match(/^Enum "(\w+)" cannot represent/))) return `không phải là một giá trị của ${m[1]}`;
  if ((m = reason.match(/^Field "(\w+)" of required type "([^"]+)" was not provided/))) return `thiếu trường bắt buộc "${m[1]}" (kiểu ${m[2]})`;
  if ((m = reason.match(/^Field "(\w+)" is not defined by type "(\w+)"/))) return `trường "${m[1]}" không có trong kiểu ${m[2]}`;
  if ((m = reason.match(/^Expected type "(\w+)" to be an object/))) return `cần một đối tượng kiểu ${m[1]}`;
  if ((m = reason.match(/^Expected value of non-null type "([^"]+)" not to be null/))) return `không được để trống (kiểu ${m[1]})`;
  // our own scalars (Date, DateTime, JSON) already say it in Vietnamese
  if (/[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/i.test(reason)) return reason.replace(/\.$/, '');
  return 'giá trị không đúng kiểu';
}

/** The Vietnamese wording of a refusal graphql-js or Apollo Server made in English, or null when it is not one of those. */
export function vietnameseRequestError(message: string): string | null {
  let m: RegExpMatchArray | null;
  if ((m = message.match(/^Variable "\$(\w+)" got invalid value [\s\S]*?; ([\s\S]*?)(?: at "[^"]*")?\.?$/))) {
    const at = message.match(/ at "\w+\.([^"]+)"/);
    return `Biến $${m[1]}${at ? ` (trường ${at[1]})` : ''} không hợp lệ: ${reasonInVietnamese(m[2].replace(/ at "[^"]*"/, ''))}.`;
  }
  if ((m = message.match(/^Variable "\$(\w+)" of required type "([^"]+)" was not provided/))) return `Thiếu biến bắt buộc $${m[1]} (kiểu ${m[2]}).`;
  if ((m = message.match(/^Variable "\$(\w+)" of non-null type "([^"]+)" must not be null/))) return `Biến $${m[1]} không được để trống (kiểu ${m[2]}).`;
  if (/^POST body missing, invalid Content-Type, or JSON object has no keys/.test(message))
    return 'Yêu cầu không có nội dung: gửi một đối tượng JSON (query, variables) với Content-Type: application/json.';
  if (/^GET requests only support query operations/.test(message)) return 'Yêu cầu GET chỉ dùng để đọc (query); thay đổi dữ liệu (mutation) phải gửi bằng POST.';
  if (/^Must provide operation name if query contains multiple operations/.test(message)) return 'Tài liệu có nhiều thao tác: cần cho biết operationName.';
  if ((m = message.match(/^Unknown operation named "([^"]{0,100})"/))) return `Tài liệu không có thao tác tên "${m[1]}".`;
  if (/^Must provide query string/.test(message)) return 'Thiếu truy vấn (query).';
  if (/^Must provide a document/.test(message)) return 'Thiếu truy vấn (query).';
  if (/^Must provide an operation/.test(message)) return 'Tài liệu không có thao tác nào (query, mutation hoặc subscription).';
  if ((m = message.match(/^`(variables|extensions)` in a POST body (?:should be provided as|must be) an object/))) return `${m[1]} phải là một đối tượng JSON.`;
  if (/^GraphQL queries must be strings/.test(message)) return 'query phải là một chuỗi ký tự.';
  if (/^`operationName` in a POST body must be a string/.test(message)) return 'operationName phải là một chuỗi ký tự.';
  if ((m = message.match(/^The '?(\w+)'? search parameter (?:may only be specified once|contains invalid JSON|should contain a JSON-encoded object)/)))
    return `Tham số ${m[1]} trên địa chỉ không hợp lệ.`;
  if (/^GET requests may not have a content-type header other than application\/json/.test(message)) return 'Yêu cầu GET chỉ nhận Content-Type: application/json.';
  if (/^Apollo Server supports only GET\/POST requests/.test(message)) return 'Chỉ nhận yêu cầu GET hoặc POST.';
  if (/^An 'accept' header was provided for this request which does not accept/.test(message)) return 'Tiêu đề Accept của yêu cầu không nhận application/json hay application/graphql-response+json.';
  return null;
}
