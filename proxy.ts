import { NextResponse, type NextRequest } from "next/server";

const SESSION_COOKIES = ["authjs.session-token", "__Secure-authjs.session-token"];

/**
 * An optimistic check only: without a session cookie there is no point rendering a page, so go to
 * sign-in. Every page, action and route handler still checks the session against the database.
 */
export function proxy(request: NextRequest) {
  if (SESSION_COOKIES.some((name) => request.cookies.has(name))) return NextResponse.next();
  const signIn = new URL("/signin", request.url);
  const wanted = request.nextUrl.pathname + request.nextUrl.search;
  if (wanted !== "/") signIn.searchParams.set("callbackUrl", wanted);
  return NextResponse.redirect(signIn);
}

export const config = {
  matcher: ["/((?!api/|signin|_next/static|_next/image|favicon.ico|icon.svg).*)"],
};
