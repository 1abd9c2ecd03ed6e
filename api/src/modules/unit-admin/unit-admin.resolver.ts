import { Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import type { Context } from '../../graphql/context';
import { ImportFormat } from '../../imports/import.type';
import { Unit } from '../units/unit.type';
import { toUnit } from '../units/units.service';
import { CreateUnitInput, UpdateUnitInput } from './unit-admin.input';
import { UnitAdminService } from './unit-admin.service';
import { UnitImportReport } from './unit-admin.type';

/** The unit tree's administration: ADMIN only, inside its own subtree. */
@Resolver(() => Unit)
export class UnitAdminResolver {
  @Mutation(() => Unit, {
    description:
      'Tạo thôn/tổ dân phố (thuộc xã/phường) hoặc tổ chức (thuộc Việt Nam, tỉnh, xã, thôn/tổ dân phố hoặc tổ chức khác). Chỉ ADMIN, trong phạm vi của mình; đơn vị cha phải đang hoạt động (không thì unit/deactivated). Ghi nhật ký unit.create.',
  })
  async createUnit(@Ctx() ctx: Context, @Arg('input', () => CreateUnitInput) input: CreateUnitInput): Promise<Unit> {
    return toUnit(await new UnitAdminService(ctx).create(input));
  }

  @Mutation(() => Unit, {
    description: 'Sửa tên, mã, loại chi tiết, số liệu dân số (kèm nguồn) của một đơn vị. Chỉ ADMIN, trong phạm vi của mình. Ghi nhật ký unit.update với giá trị trước/sau.',
  })
  async updateUnit(@Ctx() ctx: Context, @Arg('id', () => ID) id: string, @Arg('input', () => UpdateUnitInput) input: UpdateUnitInput): Promise<Unit> {
    return toUnit(await new UnitAdminService(ctx).update(id, input));
  }

  @Mutation(() => Unit, {
    description:
      'Ngừng hoạt động một đơn vị và TOÀN BỘ đơn vị con của nó (lý do 1–2.000 ký tự). Lịch sử và thứ hạng đã có được giữ (vẫn hiện trên bảng xếp hạng); đơn vị không nhận hoạt động mới (unit/deactivated) và không còn được liệt kê trong units(...) trừ khi includeDeactivated. Gọi lại với đơn vị đã ngừng thì không thay đổi gì và trả về đơn vị. Không áp dụng cho quốc gia, tỉnh, xã. Ghi nhật ký unit.deactivate.',
  })
  async deactivateUnit(@Ctx() ctx: Context, @Arg('id', () => ID) id: string, @Arg('reason', () => String) reason: string): Promise<Unit> {
    return toUnit(await new UnitAdminService(ctx).deactivate(id, reason));
  }

  @Mutation(() => UnitImportReport, {
    description: [
      'Nhập thôn/tổ dân phố và tổ chức từ bảng tính CSV (UTF-8) hoặc XLSX (nội dung base64, tối đa 2 MB, 5.000 dòng), dưới đơn vị parentId. Mặc định chạy thử (dryRun): liệt kê mọi dòng lỗi, không ghi gì.',
      'Nhập thật: có bất kỳ dòng lỗi nào thì không ghi gì; không thì tạo các đơn vị mới trong một giao dịch và ghi nhật ký unit.import.',
      'Dòng mà đơn vị đã có (cùng đơn vị cha, cùng loại, cùng tên không phân biệt hoa thường/dấu; hoặc cùng mã) được tính là đã có, không tạo lại: nhập lại cùng tệp không thay đổi gì.',
      'Cột (dòng 1 là tiêu đề; không phân biệt hoa thường và dấu): Tên (bắt buộc); Loại (bắt buộc: tổ dân phố, thôn, khu, ấp, bản → thôn/tổ dân phố; tổ chức, công an…, chi đoàn…, trường…, tổ công nghệ số… → tổ chức, chữ ghi trở thành loại chi tiết); Mã (không bắt buộc, duy nhất);',
      'Đơn vị cha (trống: parentId; hoặc mã chính thức như 26734, hoặc đường dẫn tên tính từ parentId như "Quảng Ninh / Hạ Long" hay "Hạ Long/Tổ 1"; có thể là đơn vị do dòng trước trong tệp tạo); Dân số; Số người trưởng thành; Số hộ; Nguồn số liệu (bắt buộc khi có số liệu).',
      'Mẫu: GET /api/units/import-template.csv.',
    ].join(' '),
  })
  importUnits(
    @Ctx() ctx: Context,
    @Arg('parentId', () => ID) parentId: string,
    @Arg('contentBase64', () => String) contentBase64: string,
    @Arg('format', () => ImportFormat) format: ImportFormat,
    @Arg('dryRun', () => Boolean, { defaultValue: true }) dryRun: boolean,
  ): Promise<UnitImportReport> {
    return new UnitAdminService(ctx).importUnits({ parentId, contentBase64, format, dryRun });
  }
}
