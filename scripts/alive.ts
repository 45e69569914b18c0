/** whether a process is still running (a lock or a build folder whose owner died is taken over) */
export const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // it exists, owned by someone else
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
};
