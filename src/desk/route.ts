import type { IncomingMessage, ServerResponse } from 'node:http'
import type { HttpRoute } from '../bot/adapter.js'
import type { DeskConfig } from '../config.js'
import type { Logger } from '../logger.js'
import type { DeskReader } from '../storage/desk-reader.js'
import { AttachError, type AttachScope, QuestionAttacher, type ReloadingEngine } from './attach.js'
import { DeskAuth, FailedLogins, type Identity, type Role, SESSION_COOKIE, SESSION_SECONDS } from './auth.js'
import { deskHref } from './html.js'
import { type Lang, pickLanguage, type Words, wordsFor } from './i18n.js'
import type { PageContext } from './pages/layout.js'
import { loginPage } from './pages/login-page.js'
import { STYLESHEET } from './pages/stylesheet.js'
import { showPage } from './pages.js'
import { clientAddress, FormError, fromSameOrigin, isSecure, readForm } from './request.js'
import { redirect, sendCss, sendHtml } from './respond.js'

export const DESK_PATH = '/desk'

export interface DeskOptions {
  config: DeskConfig
  /** The serving engine and its reload (src/bot/engine-holder.ts). */
  holder: ReloadingEngine
  reader: DeskReader
  logger: Logger
  now?: () => Date
}

const ATTACH_STATUS: Record<AttachError['code'], number> = {
  DESK_QUESTION_INVALID: 400,
  DESK_RECORD_GONE: 409,
  DESK_FILE_INVALID: 422,
  DESK_FILE_UNUSABLE: 500,
  DESK_RELOAD_FAILED: 500,
}

function cookie(request: IncomingMessage, value: string, maxAge: number): string {
  const secure = isSecure(request) ? '; Secure' : ''
  return `${SESSION_COOKIE}=${value}; Path=${DESK_PATH}; HttpOnly; SameSite=Strict; Max-Age=${maxAge}${secure}`
}

/**
 * The editor's desk: every path under /desk, on the servers that carry /healthz. Mounted only when DESK_TOKEN
 * is set (otherwise /desk is the server's 404).
 */
export function deskRoute(options: DeskOptions): HttpRoute {
  const auth = new DeskAuth(options.config)
  const failures = new FailedLogins()
  const attacher = new QuestionAttacher(options.holder, options.logger)
  const log = options.logger.child({ component: 'desk' })
  const now = options.now ?? (() => new Date())

  const refuseLogin = (request: IncomingMessage, response: ServerResponse, words: Words, lang: Lang) => {
    failures.fail(clientAddress(request))
    log.warn({ address: clientAddress(request) }, 'desk: token refused')
    sendHtml(response, 401, loginPage(lang, words, words.wrongToken), {
      'www-authenticate': 'Bearer realm="ia-cinema desk"',
      'set-cookie': cookie(request, '', 0),
    })
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://desk.invalid')
    const path = url.pathname.replace(/\/+$/, '') || DESK_PATH
    const lang = pickLanguage(request.headers['accept-language'])
    const words = wordsFor(lang)
    const post = request.method === 'POST'

    if (path === `${DESK_PATH}/desk.css` && !post) return sendCss(response, STYLESHEET)
    const blocked = failures.blocked(clientAddress(request))
    if (path === `${DESK_PATH}/login` && post) {
      if (blocked) return sendHtml(response, 429, loginPage(lang, words, words.tooManyTries))
      if (!fromSameOrigin(request)) return sendHtml(response, 403, loginPage(lang, words, words.staleForm))
      const role = auth.roleOf((await readForm(request)).get('token')?.trim() ?? '')
      if (!role) return refuseLogin(request, response, words, lang)
      log.info({ role }, 'desk: logged in')
      return redirect(response, DESK_PATH, {
        'set-cookie': cookie(request, auth.session(role), SESSION_SECONDS),
      })
    }

    // An address that guessed too often is refused whatever it sends now, the right token included: else the
    // limit would only slow a guesser down between two right answers.
    if (blocked && request.headers.authorization !== undefined)
      return sendHtml(response, 429, loginPage(lang, words, words.tooManyTries))
    const identity: Identity = auth.identify(request)
    if (identity.via === 'invalid') {
      // A cookie that no longer holds (expired, or signed with a token changed since) is not a guess.
      if (request.headers.authorization === undefined)
        return sendHtml(response, 401, loginPage(lang, words, words.sessionEnded), {
          'set-cookie': cookie(request, '', 0),
        })
      return refuseLogin(request, response, words, lang)
    }
    if (identity.via === 'none') {
      if (path === `${DESK_PATH}/login`) return sendHtml(response, 200, loginPage(lang, words))
      return sendHtml(response, 401, loginPage(lang, words), {
        'www-authenticate': 'Bearer realm="ia-cinema desk"',
      })
    }
    const role: Role = identity.role
    const session = identity.via === 'cookie' ? identity.session : undefined
    const context = pageContext(role, session, lang)

    if (post) {
      // A browser's write must come from a desk page of this session; a bearer token is never sent by a
      // browser on its own, so a script holding one needs neither.
      if (session !== undefined && !fromSameOrigin(request))
        return sendHtml(response, 403, loginPage(lang, words, words.staleForm))
      const form = await readForm(request)
      if (session !== undefined && !auth.checkCsrf(session, form.get('csrf')))
        return showPage.message(response, 403, context, words.badRequest, words.staleForm)
      if (path === `${DESK_PATH}/logout`)
        return redirect(response, `${DESK_PATH}/login`, { 'set-cookie': cookie(request, '', 0) })
      if (path !== `${DESK_PATH}/attach`)
        return showPage.message(response, 404, context, words.notFound, words.notFound)
      if (role !== 'editor')
        return showPage.message(response, 403, context, words.badRequest, words.forbiddenReader)
      return attach(response, form, context)
    }
    if (path === `${DESK_PATH}/login`) return redirect(response, DESK_PATH)
    try {
      await showPage.get(response, path, url.searchParams, context, options.reader)
    } catch (error) {
      // The store may be degraded (see /healthz): the desk says so rather than fail bare.
      log.error({ err: error, path }, 'desk: could not read what the bot recorded')
      showPage.message(response, 503, context, words.storeUnreadable, words.storeUnreadable)
    }
  }

  const pageContext = (role: Role, session: string | undefined, lang: Lang): PageContext => ({
    role,
    csrf: session === undefined ? '' : auth.csrfToken(session),
    engine: options.holder.engine,
    timeZone: options.config.timeZone,
    now: now(),
    lang,
    words: wordsFor(lang),
  })

  async function attach(
    response: ServerResponse,
    form: URLSearchParams,
    context: PageContext,
  ): Promise<void> {
    const question = form.get('question') ?? ''
    const recordId = form.get('record') ?? ''
    const scope: AttachScope = form.get('scope') === 'section' ? 'section' : 'passage'
    try {
      const attached = await attacher.attach({ question, recordId, scope })
      redirect(
        response,
        deskHref('/answer', {
          question,
          record: recordId,
          scope,
          status: attached.status,
          file: attached.file,
        }),
      )
    } catch (error) {
      if (!(error instanceof AttachError)) throw error
      const { words } = context
      const reason =
        error.code === 'DESK_QUESTION_INVALID'
          ? words.questionInvalid
          : error.code === 'DESK_RECORD_GONE'
            ? words.recordGone
            : error.message
      showPage.message(
        response,
        ATTACH_STATUS[error.code],
        context,
        words.failed,
        `${reason} — ${words.kept}`,
      )
    }
  }

  return {
    path: DESK_PATH,
    prefix: true,
    methods: ['GET', 'HEAD', 'POST'],
    handler: (request, response) => {
      handle(request, response).catch((error: unknown) => {
        if (error instanceof FormError) {
          if (!response.headersSent) response.writeHead(error.status, { 'content-type': 'text/plain' })
          response.end(error.message)
          return
        }
        log.error({ err: error, path: request.url?.split('?')[0] }, 'desk: request failed')
        if (!response.headersSent) response.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' })
        response.end('desk: internal error')
      })
    },
  }
}
