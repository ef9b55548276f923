RENAME TABLE ev_old TO events;
