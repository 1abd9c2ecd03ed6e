import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';

/** GraphQL types shared by every spreadsheet import (citizens, units, accounts). */
export enum ImportFormat {
  CSV = 'CSV',
  XLSX = 'XLSX',
}
registerEnumType(ImportFormat, { name: 'ImportFormat', description: 'Định dạng tệp nhập: CSV (UTF-8) hoặc XLSX.' });

@ObjectType({ description: 'Một dòng lỗi khi nhập danh sách.' })
export class ImportProblem {
  @Field(() => Int, { description: 'Số dòng trong tệp (dòng tiêu đề là dòng 1).' }) row: number;
  @Field(() => String, { description: 'Cột.' }) field: string;
  @Field(() => String, { description: 'Lý do (tiếng Việt).' }) message: string;
}
