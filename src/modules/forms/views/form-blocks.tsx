/**
 * The blocks of a laid-out form (layout.ts) as accessible HTML: inputs in fill mode (the builder's
 * preview, and the client's fill page), answers as text in read mode. Nothing here knows the
 * definition: a renderer draws blocks, so every renderer says the same thing.
 */
import type { Child } from 'hono/jsx';
import { FieldError } from '../../../ui/components/field-parts.tsx';
import { answerName, followUpName, LIMITS } from '../definition.ts';
import { paragraphsOf, rangeHint, type Block, type FieldBlock, type FormLayout, type Words } from '../layout.ts';

export interface FormBlocksProps {
  layout: FormLayout;
  mode: 'fill' | 'read';
  /** Prefix of element ids and input names: two copies of a form on one page must not share them. */
  prefix?: string;
  /** Level of the form's title; sections are one below. */
  headingLevel?: 1 | 2;
  /** In read mode, what stands where the form is signed (a signed form's signature); "not signed yet" without it. */
  signature?: Child;
}

/** Text with its paragraphs (blank lines) and line breaks kept. */
export function Paragraphs(props: { text: string; class?: string }) {
  return (
    <>
      {paragraphsOf(props.text).map((p) => (
        <p class={props.class}>
          {p.split('\n').map((line, i) => (
            <>
              {i ? <br /> : null}
              {line}
            </>
          ))}
        </p>
      ))}
    </>
  );
}

function Heading(props: { level: number; class: string; id?: string; children: Child }) {
  const Tag = (`h${Math.min(6, props.level)}` as 'h2');
  return (
    <Tag class={props.class} id={props.id}>
      {props.children}
    </Tag>
  );
}

function Required(props: { on: boolean }) {
  return props.on ? (
    <span class="form-required" aria-hidden="true">
      {' '}*
    </span>
  ) : null;
}

function Number_(props: { n: number }) {
  return <span class="form-number">{props.n}.</span>;
}

type Ctx = { prefix: string; words: Words; lang: FormLayout['lang']; signature?: Child };

const ids = (ctx: Ctx, id: string) => {
  const control = `${ctx.prefix}f-${id}`;
  return { control, help: `${control}-help`, error: `${control}-error`, label: `${control}-label` };
};
const described = (i: ReturnType<typeof ids>, help?: string, error?: string) => [error ? i.error : '', help ? i.help : ''].filter(Boolean).join(' ') || undefined;

function Help(props: { id: string; text?: string }) {
  return props.text ? (
    <div class="form-help" id={props.id}>
      <Paragraphs text={props.text} />
    </div>
  ) : null;
}

function FillField(props: { block: FieldBlock; ctx: Ctx }) {
  const b = props.block;
  const { ctx } = props;
  const i = ids(ctx, b.id);
  const name = `${ctx.prefix}${answerName(b.id)}`;
  const invalid = b.error ? 'true' : undefined;
  const label = (
    <>
      <Number_ n={b.number} /> {b.label}
      <Required on={b.required} />
    </>
  );
  if (b.options) {
    const multiple = b.input === 'multiple_choice';
    // "Choose all that apply" unless the form's own help already says how to answer.
    const help = b.help ?? (multiple ? ctx.words.chooseAny : undefined);
    return (
      <div class={`form-field form-field--${b.input}${b.error ? ' field--invalid' : ''}`} data-item={b.id}>
        <fieldset class="form-choices" aria-describedby={described(i, help, b.error)} aria-invalid={invalid}>
          <legend class="form-field__label">{label}</legend>
          <Help id={i.help} text={help} />
          <FieldError id={i.error} message={b.error} />
          <div class={b.input === 'yes_no' ? 'form-choices__row' : 'form-choices__list'}>
            {b.options.map((o) => (
              <label class="form-choice">
                <input
                  class={multiple ? 'checkbox__input' : 'form-choice__radio'}
                  type={multiple ? 'checkbox' : 'radio'}
                  name={name}
                  value={o.id}
                  checked={o.selected}
                  required={!multiple && b.required}
                  data-answer={b.input === 'yes_no' ? o.id : undefined}
                />
                <span class="form-choice__label">{o.label}</span>
              </label>
            ))}
          </div>
        </fieldset>
        {b.followUp ? (
          <div class={`form-followup${b.followUp.error ? ' field--invalid' : ''}`}>
            <label class="form-field__label" for={`${i.control}-follow`}>
              <span class="form-followup__if">{ctx.words.ifYes}</span>
              {b.followUp.label}
            </label>
            <FieldError id={`${i.control}-follow-error`} message={b.followUp.error} />
            <textarea
              class="textarea form-followup__input"
              id={`${i.control}-follow`}
              name={`${ctx.prefix}${followUpName(b.id)}`}
              rows={2}
              maxlength={LIMITS.longAnswer}
              aria-invalid={b.followUp.error ? 'true' : undefined}
              aria-describedby={b.followUp.error ? `${i.control}-follow-error` : undefined}
            >
              {b.followUp.value}
            </textarea>
          </div>
        ) : null}
      </div>
    );
  }
  const range = b.input === 'number' ? rangeHint(b, ctx.lang) : undefined;
  const help = [b.help, range].filter(Boolean).join('\n\n') || undefined;
  const value = typeof b.value === 'string' ? b.value : '';
  const common = {
    id: i.control,
    name,
    required: b.required,
    'aria-invalid': invalid,
    'aria-describedby': described(i, help, b.error),
  };
  return (
    <div class={`form-field form-field--${b.input}${b.error ? ' field--invalid' : ''}`} data-item={b.id}>
      <label class="form-field__label" for={i.control}>
        {label}
      </label>
      <Help id={i.help} text={help} />
      <FieldError id={i.error} message={b.error} />
      {b.input === 'long_text' ? (
        <textarea class="textarea" rows={4} maxlength={LIMITS.longAnswer} {...common}>
          {value}
        </textarea>
      ) : b.input === 'date' ? (
        <input class="input form-field__date" type="date" value={value} min="1900-01-01" max="2100-12-31" {...common} />
      ) : b.input === 'number' ? (
        <div class="form-number-input">
          <input class="input" type="text" inputmode="decimal" value={value} maxlength={20} autocomplete="off" {...common} />
          {b.unit ? <span class="form-number-input__unit">{b.unit}</span> : null}
        </div>
      ) : (
        <input class="input" type="text" value={value} maxlength={LIMITS.shortAnswer} {...common} />
      )}
    </div>
  );
}

function FillBlock(props: { block: Block; ctx: Ctx; level: number }) {
  const { block: b, ctx } = props;
  switch (b.kind) {
    case 'heading':
      return b.level === 1 ? (
        <Heading level={props.level} class="form-doc__title">
          {b.text}
        </Heading>
      ) : (
        <Heading level={props.level + 1} class="form-doc__section">
          {b.text}
        </Heading>
      );
    case 'paragraph':
      return (
        <div class="form-doc__text">
          <Paragraphs text={b.text} />
        </div>
      );
    case 'field':
      return <FillField block={b} ctx={ctx} />;
    case 'acknowledgement': {
      const i = ids(ctx, b.id);
      return (
        <div class={`form-field form-ack${b.error ? ' field--invalid' : ''}`} data-item={b.id}>
          <FieldError id={i.error} message={b.error} />
          <div class="checkbox form-ack__box">
            <input class="checkbox__input" type="checkbox" id={i.control} name={`${ctx.prefix}${answerName(b.id)}`} value="yes" checked={b.checked} required={b.required} aria-invalid={b.error ? 'true' : undefined} aria-describedby={described(i, b.help, b.error)} />
            <label class="checkbox__label form-ack__text" for={i.control}>
              <Number_ n={b.number} /> {b.text}
              <Required on={b.required} />
            </label>
          </div>
          <Help id={i.help} text={b.help} />
        </div>
      );
    }
    case 'initials': {
      const i = ids(ctx, b.id);
      return (
        <div class={`form-field form-initials${b.error ? ' field--invalid' : ''}`} data-item={b.id}>
          <div class="form-initials__text" id={i.label}>
            <Number_ n={b.number} />
            <Paragraphs text={b.text} />
          </div>
          <Help id={i.help} text={b.help} />
          <div class="form-initials__line">
            <FieldError id={i.error} message={b.error} />
            <label class="form-initials__label" for={i.control}>
              {ctx.words.initials}
              <Required on={b.required} />
            </label>
            <input
              class="input form-initials__input"
              type="text"
              id={i.control}
              name={`${ctx.prefix}${answerName(b.id)}`}
              value={b.value}
              maxlength={LIMITS.initials * 3}
              autocomplete="off"
              autocapitalize="characters"
              spellcheck={false}
              required={b.required}
              aria-invalid={b.error ? 'true' : undefined}
              aria-describedby={[b.error ? i.error : '', i.label].filter(Boolean).join(' ')}
            />
          </div>
        </div>
      );
    }
    case 'signature': {
      const i = ids(ctx, b.id);
      return (
        <div class={`form-field form-signature${b.error ? ' field--invalid' : ''}`} data-item={b.id} data-signature-slot={b.id}>
          <p class="form-field__label" id={i.label}>
            {b.label}
            <Required on />
          </p>
          <Help id={i.help} text={b.help} />
          <FieldError id={i.error} message={b.error} />
          <div class="form-signature__pad" role="img" aria-labelledby={i.label}>
            <span class="form-signature__cue" aria-hidden="true">
              {ctx.words.signHere}
            </span>
          </div>
          <p class="form-help">{ctx.words.signedLater}</p>
        </div>
      );
    }
  }
}

function ReadBlock(props: { block: Block; ctx: Ctx; level: number }) {
  const { block: b, ctx } = props;
  switch (b.kind) {
    case 'heading':
    case 'paragraph':
      return <FillBlock block={b} ctx={ctx} level={props.level} />;
    case 'field':
      return (
        <div class={`form-answer${b.answered ? '' : ' form-answer--empty'}`} data-item={b.id}>
          <p class="form-answer__q">
            <Number_ n={b.number} /> {b.label}
          </p>
          {b.input === 'multiple_choice' && b.answered ? (
            <ul class="form-answer__a form-answer__list">
              {b.options!.filter((o) => o.selected).map((o) => (
                <li>{o.label}</li>
              ))}
            </ul>
          ) : (
            <div class="form-answer__a">{b.input === 'long_text' && b.answered ? <Paragraphs text={b.display} /> : b.display}</div>
          )}
          {b.followUp && b.followUp.shown && b.followUp.value ? (
            <p class="form-answer__follow">
              <span class="form-answer__q">{b.followUp.label}</span> {b.followUp.value}
            </p>
          ) : null}
        </div>
      );
    case 'acknowledgement':
      return (
        <div class={`form-answer form-answer--ack${b.checked ? '' : ' form-answer--empty'}`} data-item={b.id}>
          <p class="form-answer__q">
            <Number_ n={b.number} /> {b.text}
          </p>
          <p class="form-answer__a">{b.display}</p>
        </div>
      );
    case 'initials':
      return (
        <div class={`form-answer form-answer--initials${b.value ? '' : ' form-answer--empty'}`} data-item={b.id}>
          <div class="form-initials__text">
            <Number_ n={b.number} />
            <Paragraphs text={b.text} />
          </div>
          <p class="form-answer__a">{b.display}</p>
        </div>
      );
    case 'signature':
      if (ctx.signature) {
        return (
          <div class="form-answer form-answer--signature" data-item={b.id} data-signature-slot={b.id}>
            <p class="form-answer__q">{b.label}</p>
            {ctx.signature}
          </div>
        );
      }
      return (
        <div class="form-answer form-answer--signature form-answer--empty" data-item={b.id} data-signature-slot={b.id}>
          <p class="form-answer__q">{b.label}</p>
          <p class="form-answer__a">{ctx.words.notSigned}</p>
        </div>
      );
  }
}

/** A whole form, drawn from its blocks. */
export function FormBlocks(props: FormBlocksProps) {
  const ctx: Ctx = { prefix: props.prefix ?? '', words: props.layout.words, lang: props.layout.lang, signature: props.signature };
  const level = props.headingLevel ?? 1;
  const Block_ = props.mode === 'fill' ? FillBlock : ReadBlock;
  const hasRequired = props.layout.blocks.some((b) => 'required' in b && b.required);
  // The note on required questions comes after the title and its introduction.
  const noteAfter = props.layout.blocks[1]?.id === 'intro' ? 1 : 0;
  return (
    <div class={`form-doc form-doc--${props.mode}`} lang={props.layout.lang}>
      {props.layout.blocks.map((b, n) => (
        <>
          <Block_ block={b} ctx={ctx} level={level} />
          {n === noteAfter && props.mode === 'fill' && hasRequired ? <p class="form-doc__note">{props.layout.words.requiredNote}</p> : null}
        </>
      ))}
    </div>
  );
}
