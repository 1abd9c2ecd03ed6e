import type { ImportFormat } from '@/gql/graphql';

/** Hands `content` to the browser as a download named `fileName`. */
export function saveFile(content: Blob, fileName: string): void {
  const url = URL.createObjectURL(content);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** A CSV text as a download, UTF-8 (the text carries its own BOM where Excel needs one). */
export function saveCsv(text: string, fileName: string): void {
  saveFile(new Blob([text], { type: 'text/csv;charset=utf-8' }), fileName);
}

/** The file's bytes as base64 (what the import mutations take), without the data-URL prefix. */
export function readFileAsBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = String(reader.result ?? '');
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
}

/** The spreadsheet format a file name says (`.xlsx` or `.csv`, any case), or null. */
export function spreadsheetFormat(fileName: string): ImportFormat | null {
  const name = fileName.toLowerCase();
  return name.endsWith('.xlsx') ? 'XLSX' : name.endsWith('.csv') ? 'CSV' : null;
}
