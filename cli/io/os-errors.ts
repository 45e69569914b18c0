/**
 * Operating-system errors in the user's words. No errno code ever reaches a message: the
 * user cannot act on ENOENT, but can on 找不到文件 or 正在 Excel 中打开.
 */

/** what went wrong with a path, as a clause: “找不到文件或文件夹” */
export function osReason(e: unknown): string {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
    case 'ENOTDIR':
      return '找不到文件或文件夹';
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return '没有权限';
    case 'ENOSPC':
    case 'EDQUOT':
      return '磁盘空间不足';
    case 'EBUSY':
    case 'ETXTBSY':
    case 'ELOCKED':
      return '文件被其他程序占用（例如正在 Excel 中打开）';
    case 'EISDIR':
      return '这是一个文件夹';
    case 'ENAMETOOLONG':
      return '路径或文件名太长';
    case 'ELOOP':
      return '符号链接形成了循环';
    case 'EMFILE':
    case 'ENFILE':
      return '同时打开的文件太多';
    case 'EIO':
      return '磁盘读写出错（磁盘或网络盘可能有故障）';
    case 'EEXIST':
      return '文件已存在';
    default:
      return '操作系统报告了错误';
  }
}
