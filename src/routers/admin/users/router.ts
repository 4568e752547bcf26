import { router } from '../../../edge/trpc.ts';
import { createUserProcedure, deleteUserProcedure, getUserProcedure, listUsersProcedure, updateUserProcedure } from './crud.ts';

/** `admin.users`: spec 001's user CRUD, scoped to the caller's factory. */
export const usersRouter = router({
  list: listUsersProcedure,
  create: createUserProcedure,
  get: getUserProcedure,
  update: updateUserProcedure,
  delete: deleteUserProcedure,
});
