// Who is signed in, shared by the views; refreshed from the server after sign-in and sign-out.
export const state = { user: null, labels: [] };
